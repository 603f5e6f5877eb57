/**
 * The shapes shared by the WASM plugin host's parts: the manifest (plugin.toml) once parsed,
 * what the operator granted at install, and the record the registry keeps per plugin.
 * See sdk/README.md ("Plugin ABI") for the contract plugin authors build against.
 */

/** The permissions a plugin can ask for (plugin.toml `[permissions]`) and be granted. */
export interface Permissions {
  /** Outbound HTTP: `true` = to hosts the operator names at install; a list = these hosts. */
  readonly net: true | readonly string[] | false;
  /** Read the app's config (env) through `dokku_config_get`. */
  readonly config: boolean;
  /** Get and set the plugin's own properties through `dokku_store_get`/`dokku_store_set`. */
  readonly store: boolean;
  /** Handle `nginx-snippet`. */
  readonly nginx: boolean;
  /** Handle `docker-args-deploy`. */
  readonly dockerArgs: boolean;
}

/** What `plugin:install --allow-...` granted. `net`: the hosts allowed ("*" = any host). */
export interface Grants {
  readonly net: readonly string[];
  readonly config: boolean;
  readonly store: boolean;
  readonly nginx: boolean;
  readonly dockerArgs: boolean;
}

export interface PluginTrigger {
  readonly name: string;
  readonly version: number;
}

export interface PluginCommand {
  /** `<namespace>:<command>`, the namespace being the plugin's name. */
  readonly name: string;
  readonly help: string;
  /** Usage after the command name, e.g. `<app> <url>`. */
  readonly usage: string;
  /** The first argument is an app that must exist; the call is scoped to it. */
  readonly app: boolean;
}

export interface PluginLimits {
  /** Wall-clock deadline of one call; the sandbox process is killed past it. */
  readonly timeoutMs: number;
  /** The module's declared memory maximum must fit; also bounds the sandbox process. */
  readonly memoryMb: number;
}

/** plugin.toml, parsed and checked. */
export interface PluginManifest {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** The ABI version the plugin was built against (`sdk = 1`). */
  readonly sdk: number;
  readonly module: { readonly file: string; readonly sha256: string };
  readonly triggers: readonly PluginTrigger[];
  readonly commands: readonly PluginCommand[];
  readonly permissions: Permissions;
  readonly limits: PluginLimits;
}

/** One installed plugin as the registry index keeps it. */
export interface InstalledPlugin {
  readonly manifest: PluginManifest;
  readonly grants: Grants;
  readonly enabled: boolean;
  /** Absolute path of the installed plugin's directory (holds plugin.toml and the module). */
  readonly dir: string;
  /** Where it was installed from (a path or URL), for `plugin:update`. */
  readonly source: string;
  readonly installedAt: string;
}

/** A call into a plugin's module, made by the bus (a trigger) or the CLI (a command). */
export interface PluginCall {
  /** The module export to call (see exports.ts). */
  readonly export: string;
  /** Serialised as JSON and handed to the export as its input. */
  readonly input: unknown;
  /** The app the call is about; host functions that read or write app state are scoped to it. */
  readonly app: string | null;
  /** For messages: `nginx-snippet`, `maintenance:on`. */
  readonly what: string;
}
