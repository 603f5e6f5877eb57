import type { Context } from "../../core/context";
import { allApps } from "../../plugins/apps/app-list";
import { CORE_DATA_DIRS, CORE_PROPERTY_NAMESPACES } from "../../core/state-names";
import { CORE_PLUGINS } from "../../plugins/core-plugins";
import type { ReservedNames } from "../../wasm/plugin-checks";
import { NAMESPACES } from "../namespaces";

/** Words dispatch answers before any namespace. */
const BUILTIN_COMMANDS = ["help", "version"];

/**
 * The names the core holds, read off the code: no plugin may take them, so a plugin never shadows
 * a core command nor is mistaken for a core plugin, a core property namespace or data folder, nor
 * named like an app (whose config folder is `config/<app>/`) when `ctx` is given (plugin:install;
 * plugin:update keeps a plugin installed before the app was named so).
 * Built here and handed to plugin:install/update (the plugin host does not import the CLI).
 */
export function reservedNames(ctx?: Pick<Context, "paths">): ReservedNames {
  return {
    namespaces: new Set(NAMESPACES.map((namespace) => namespace.name)),
    plugins: new Set(CORE_PLUGINS.map((plugin) => plugin.name)),
    commands: new Set([...BUILTIN_COMMANDS, ...NAMESPACES.flatMap((namespace) => Object.keys(namespace.commands))]),
    properties: new Set(CORE_PROPERTY_NAMESPACES),
    dataDirs: new Set(CORE_DATA_DIRS),
    apps: ctx && new Set(allApps(ctx)),
  };
}
