/**
 * The commands installed plugins add, as namespaces dispatch falls back to when no core
 * namespace matches (a plugin can never shadow a core command). Read from the index only:
 * no module is loaded until a command runs.
 */
import type { Paths } from "../../core/paths";
import { listInstalledPlugins } from "../../wasm/registry";
import type { InstalledPlugin, PluginCommand } from "../../wasm/types";
import { dokkuCommand, firstWordApp, type DokkuCommand } from "../define-command";
import type { Namespace } from "../namespace";

/** One namespace per enabled plugin that adds commands, sorted by name. */
export function pluginNamespaces(paths: Paths): Namespace[] {
  return listInstalledPlugins(paths)
    .filter((plugin) => plugin.enabled && plugin.manifest.commands.length > 0)
    .map(pluginNamespace);
}

export function pluginNamespace(plugin: InstalledPlugin): Namespace {
  const commands = Object.fromEntries(
    plugin.manifest.commands.map(
      (command) => [command.name, () => Promise.resolve({ default: pluginCommand(plugin, command) })] as const,
    ),
  );
  return { name: plugin.manifest.name, description: plugin.manifest.description, commands };
}

/** A plugin command as a citty command: the words after it go to the module verbatim. */
export function pluginCommand(plugin: InstalledPlugin, command: PluginCommand): DokkuCommand {
  return dokkuCommand({
    name: command.name,
    description: command.help,
    usage: command.usage,
    args: command.app ? { app: { type: "positional", required: false, description: "The app" } } : {},
    appArgument: command.app ? firstWordApp : undefined,
    async run(_args, ctx, rawArgs) {
      const { runPluginCommand } = await import("./run-plugin-command");
      await runPluginCommand(ctx, plugin, command, rawArgs);
    },
  });
}
