import type { CoreDataDir } from "./state-names";

/** Where state lives. Every path comes from the environment so tests run in temp dirs. */
export interface Paths {
  /** Per-app bare git repos, authorized_keys, VHOST, per-app ENV. Default /home/dokku. */
  readonly dokkuRoot: string;
  /** Properties (config/), plugin data (data/), installed WASM plugins (plugins/). Default /var/lib/dokku. */
  readonly libRoot: string;
  /** Event log and other logs. Default /var/log/dokku. */
  readonly logsDir: string;
}

export function pathsFromEnv(env: Record<string, string | undefined>): Paths {
  return {
    dokkuRoot: env.DOKKU_ROOT || "/home/dokku",
    libRoot: env.DOKKU_LIB_ROOT || "/var/lib/dokku",
    logsDir: env.DOKKU_LOGS_DIR || "/var/log/dokku",
  };
}

export function appDir(paths: Paths, app: string): string {
  return `${paths.dokkuRoot}/${app}`;
}

export function propertiesDir(paths: Paths): string {
  return `${paths.libRoot}/config`;
}

/** `$DOKKU_LIB_ROOT/data/<dir>`: a core plugin's data folder (core/state-names lists them). */
export function pluginDataDir(paths: Paths, plugin: CoreDataDir): string {
  return `${paths.libRoot}/data/${plugin}`;
}
