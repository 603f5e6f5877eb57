import { appList, postAppClone, postAppRename, postCreate, postDelete, preDelete, userAuth, userAuthApp } from "./apps";
import { configMigrateEnv, postConfigUpdate } from "./config";
import { DEPLOY_TRIGGERS } from "./deploy";
import { PLUGIN_TRIGGERS } from "./plugin";
import { PROXY_TRIGGERS } from "./proxy";
import { report } from "./report";

/** Every trigger the host knows, by name. Add each new declaration here. */
export const ALL_TRIGGERS = {
  "post-create": postCreate,
  "pre-delete": preDelete,
  "post-delete": postDelete,
  "post-app-rename": postAppRename,
  "post-app-clone": postAppClone,
  "app-list": appList,
  "user-auth": userAuth,
  "user-auth-app": userAuthApp,
  "post-config-update": postConfigUpdate,
  "config-migrate-env": configMigrateEnv,
  report,
  ...DEPLOY_TRIGGERS,
  ...PROXY_TRIGGERS,
  ...PLUGIN_TRIGGERS,
} as const;

export type TriggerName = keyof typeof ALL_TRIGGERS;
export type TriggerOf<N extends TriggerName> = (typeof ALL_TRIGGERS)[N];
