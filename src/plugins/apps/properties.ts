/** Properties `apps:set` may write per app (Dokku's DefaultProperties minus the global-only one). */
export const APP_PROPERTIES = ["deploy-source", "deploy-source-metadata"] as const;
/** Properties `apps:set --global` may write. */
export const GLOBAL_PROPERTIES = ["disable-autocreation"] as const;
