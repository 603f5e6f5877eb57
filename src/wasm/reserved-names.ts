import { NAMESPACES } from "../cli/namespaces";
import { CORE_PLUGINS } from "../plugins/core-plugins";
import type { ReservedNames } from "./plugin-checks";

/** Words dispatch answers before any namespace. */
const BUILTIN_COMMANDS = ["help", "version"];

/** The names the core holds: no plugin may take them, so a plugin never shadows a core command. */
export function reservedNames(): ReservedNames {
  return {
    namespaces: new Set(NAMESPACES.map((namespace) => namespace.name)),
    plugins: new Set(CORE_PLUGINS.map((plugin) => plugin.name)),
    commands: new Set([...BUILTIN_COMMANDS, ...NAMESPACES.flatMap((namespace) => Object.keys(namespace.commands))]),
  };
}
