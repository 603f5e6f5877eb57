/** The --allow-* flags, for help (install and update read them with parseInstallArgs). */
export const GRANT_ARGS = {
  "allow-net": {
    type: "boolean",
    description: "Allow outbound HTTP: --allow-net=host[,host...], or any host without a list",
  },
  "allow-config": { type: "boolean", description: "Allow reading the app's config" },
  "allow-store": { type: "boolean", description: "Allow getting and setting the plugin's own properties" },
  "allow-nginx": { type: "boolean", description: "Allow adding nginx snippets (nginx-snippet)" },
  "allow-docker-args": { type: "boolean", description: "Allow adding container labels and env (docker-args-deploy)" },
  "allow-all": { type: "boolean", description: "Grant everything the plugin asks for" },
} as const;

export const GRANT_USAGE = "[--allow-net[=hosts]] [--allow-config|store|nginx|docker-args|all]";
