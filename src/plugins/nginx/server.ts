import { existsSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { acquireLock } from "../../store/file-lock";
import { allApps } from "../apps/app-list";
import { appConfigPath, nginxFor, nginxLockPath } from "./runtime";

/** `nginx:reload`: checks the whole config and reloads; a config that fails the check is shown and nothing reloads. */
export async function reloadNginx(ctx: Context): Promise<void> {
  using _lock = await acquireLock(nginxLockPath(ctx), { timeoutMs: 60_000, owner: ctx.owner });
  const nginx = nginxFor(ctx);
  const tested = await nginx.test();
  if (!tested.ok) throw new DokkuError(tested.output, { code: "nginx-invalid" });
  const reloaded = await nginx.reload();
  if (!reloaded.ok) throw new DokkuError(reloaded.output, { code: "nginx-reload-failed" });
}

/** After an app's dir (and its nginx.conf) is gone: reload a running nginx so it stops serving the app. */
export async function reloadIfRunning(ctx: Context): Promise<void> {
  if (nginxFor(ctx).running()) await reloadNginx(ctx);
}

/**
 * `nginx:validate-config [<app>] [--clean]`: `nginx -t` of the whole config. When it fails on an
 * app's nginx.conf (the one nginx names, or only <app>'s when given), that config is shown and,
 * with --clean, removed; the check runs again until it passes or names no app config. Fails
 * with nginx's output when the config stays invalid.
 */
export async function validateNginx(ctx: Context, appArg: string | undefined, clean: boolean): Promise<void> {
  const only = appArg === undefined || appArg === "" ? undefined : verifyApp(ctx, appArg);
  using _lock = await acquireLock(nginxLockPath(ctx), { timeoutMs: 60_000, owner: ctx.owner });
  const nginx = nginxFor(ctx);
  const apps = only ? [only] : allApps(ctx);
  const seen = new Set<string>();
  for (;;) {
    const tested = await nginx.test();
    if (tested.ok) {
      if (seen.size > 0 && nginx.running()) await nginx.reload();
      return;
    }
    const culprit = apps.find((app) => !seen.has(app) && tested.output.includes(`${appConfigPath(ctx, app)}:`));
    if (!culprit) fail(tested.output, "nginx-invalid");
    seen.add(culprit);
    ctx.out.warn(`Failed to validate nginx config for ${culprit}. Contents below...`);
    ctx.out.print(readFileSync(appConfigPath(ctx, culprit), "utf8").trimEnd());
    if (!clean) fail(tested.output, "nginx-invalid");
    ctx.out.step(`Removing invalid nginx config for ${culprit}`);
    rmSync(appConfigPath(ctx, culprit), { force: true });
  }
}

/** `nginx:show-config <app>`: the app's live config. */
export async function showNginxConfig(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (((await ctx.bus.fire("proxy-type", { app })) ?? "nginx") !== "nginx")
    fail("This command is only available for apps with the nginx proxy type");
  const path = appConfigPath(ctx, app);
  if (!existsSync(path)) fail(`No nginx.conf exists for ${app}`);
  ctx.out.raw(readFileSync(path, "utf8"));
}
