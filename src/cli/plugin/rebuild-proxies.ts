import type { Context } from "../../core/context";
import { allApps } from "../../plugins/apps/app-list";
import { selfCommand } from "../../wasm/sandbox-protocol";
import type { InstalledPlugin } from "../../wasm/types";

/** Whether the plugin shapes apps' proxy configs: it handles nginx-snippet and may. Pure. */
export function shapesProxyConfigs(plugin: InstalledPlugin | undefined): boolean {
  return plugin?.grants.nginx === true && plugin.manifest.triggers.some((trigger) => trigger.name === "nginx-snippet");
}

/**
 * After a plugin that shapes proxy configs was installed, updated, enabled, disabled or
 * uninstalled, every app's config is rebuilt so the change shows at once (a disabled
 * maintenance plugin must not leave its 503 page up). In a fresh process: this one's bus still
 * holds the handlers it started with. A failure is a warning: the plugin change itself stands, so
 * a hostile plugin (a user-auth refusal, an nginx-snippet handler that traps or loops) can fail
 * the rebuild but never block or undo plugin:disable / plugin:uninstall of itself or another.
 */
export async function rebuildProxyConfigs(ctx: Context): Promise<void> {
  if (allApps(ctx).length === 0) return;
  if (ctx.safeMode) {
    // built now, every app's config would lose the snippets of every other plugin (an http-auth gate)
    ctx.out.warn(
      "Safe mode: the apps' proxy configs were not rebuilt; run `dokku proxy:build-config --all` without safe mode",
    );
    return;
  }
  ctx.out.step("Rebuilding the apps' proxy configs");
  // the child runs with every enabled plugin: never in safe mode, whatever this environment holds
  const { SSH_ORIGINAL_COMMAND: _ssh, DOKKU_SAFE_MODE: _safe, ...env } = ctx.env;
  const child = Bun.spawn(
    [...selfCommand(ctx.executablePath), ...(ctx.out.quiet ? ["--quiet"] : []), "proxy:build-config", "--all"],
    {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if ((await child.exited) !== 0)
    ctx.out.warn(
      "Rebuilding the apps' proxy configs failed; run `dokku proxy:build-config --all` once the cause is fixed",
    );
}
