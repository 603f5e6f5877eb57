import { verifyApp } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { refusePluginCommand } from "../../core/safe-mode";
import { buildNginxConfig } from "../../plugins/nginx/build-config";
import { commandExport } from "../../wasm/exports";
import { PluginCallError } from "../../wasm/plugin-call-error";
import { callPlugin } from "../../wasm/sandbox-client";
import type { InstalledPlugin, PluginCommand } from "../../wasm/types";

/**
 * Runs a plugin command in the sandbox: input `{command, app, args}`; the module's own error
 * (`error_set`) is printed as is, anything else (a misused or denied host function, a timeout,
 * a trap, bad output) names the plugin. An output of `{"rebuildProxy": true}` rebuilds the
 * app's proxy config (needs the nginx grant).
 */
export async function runPluginCommand(
  ctx: Context,
  plugin: InstalledPlugin,
  command: PluginCommand,
  args: readonly string[],
): Promise<void> {
  const name = plugin.manifest.name;
  // dispatch never gets here in safe mode; the sandbox must not start whoever calls
  if (ctx.safeMode) refusePluginCommand(command.name, name);
  const app = command.app ? verifyApp(ctx, args[0]) : null;
  let output: unknown;
  try {
    output = await callPlugin(ctx, plugin, {
      export: commandExport(command.name),
      input: { command: command.name, app, args: [...args] },
      app,
      what: command.name,
    });
  } catch (error) {
    if (!(error instanceof PluginCallError)) throw error;
    if (error.reason === "failed") fail(error.message, "plugin-command");
    fail(`plugin ${name} failed on ${command.name}: ${error.message}`, "plugin-command");
  }
  if (output === null || output === undefined) return;
  if (
    typeof output !== "object" ||
    Array.isArray(output) ||
    Object.keys(output).some((key) => key !== "rebuildProxy")
  ) {
    fail(
      `plugin ${name} failed on ${command.name}: its output must be nothing or {"rebuildProxy": true}`,
      "plugin-command",
    );
  }
  if ((output as { rebuildProxy?: unknown }).rebuildProxy !== true) return;
  if (!plugin.grants.nginx)
    fail(`plugin ${name} failed on ${command.name}: rebuilding the proxy needs the nginx permission`, "plugin-command");
  if (app === null)
    fail(`plugin ${name} failed on ${command.name}: only a command on an app can rebuild its proxy`, "plugin-command");
  await buildNginxConfig(ctx, app);
}
