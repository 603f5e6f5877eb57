/**
 * Every name the core keeps state under in DOKKU_LIB_ROOT: the property namespaces
 * (`config/<namespace>/<app|--global>/<property>`) and the data folders (`data/<dir>/...`).
 * The core's PropertyStore and pluginDataDir accept only these names (a type error otherwise), so
 * a new one cannot be used without being listed here, and plugin:install refuses a plugin named
 * like any of them. WASM plugins keep their properties apart, in `config/plugins/<plugin>/`
 * (store/property-store), whatever their names.
 */
export const CORE_PROPERTY_NAMESPACES = [
  "app-json",
  "apps",
  "builder",
  "builder-dockerfile",
  "builder-herokuish",
  "builder-lambda",
  "builder-nixpacks",
  "builder-pack",
  "builder-railpack",
  "buildpacks",
  "caddy",
  "checks",
  "config",
  "cron",
  "docker-options",
  "events",
  "git",
  "haproxy",
  "logs",
  "network",
  "nginx",
  "openresty",
  "ports",
  "proxy",
  "ps",
  "registry",
  "releases",
  "resource",
  "scheduler",
  "scheduler-docker-local",
  "scheduler-k3s",
  "scheduler-swarm",
  "storage",
  "trace",
  "traefik",
] as const;

export type CorePropertyNamespace = (typeof CORE_PROPERTY_NAMESPACES)[number];

export const CORE_DATA_DIRS = [
  "apps",
  "builds",
  "cron",
  "nginx",
  "proxy",
  "registry",
  "releases",
  "storage",
  "storage-registry",
] as const;

export type CoreDataDir = (typeof CORE_DATA_DIRS)[number];

/** The folder of config/ that holds the WASM plugins' own properties: never a core namespace. */
export const PLUGIN_PROPERTIES_DIR = "plugins";

/**
 * Why `app` cannot name a new app, or undefined when it can. An app's config lives in Dokku's
 * `config/<app>/`, beside the property namespaces and the plugins' folder, so an app may not be
 * named like a core namespace, a core data folder, `plugins`, or an installed plugin (whose
 * properties were kept at `config/<plugin>/` before they had their own folder). Pure.
 */
export function reservedAppNameProblem(app: string, installedPlugins: readonly string[]): string | undefined {
  const reason = (CORE_PROPERTY_NAMESPACES as readonly string[]).includes(app)
    ? `it is the core's property folder config/${app}`
    : (CORE_DATA_DIRS as readonly string[]).includes(app)
      ? `it is the core's data folder data/${app}`
      : app === PLUGIN_PROPERTIES_DIR || app === "--global"
        ? `it is the core's folder config/${app}`
        : installedPlugins.includes(app)
          ? `it is the name of the installed plugin ${app}`
          : undefined;
  return reason && `App name ${app} is reserved: ${reason}`;
}
