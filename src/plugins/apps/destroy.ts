import { rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { appDir } from "../../core/paths";
import { withAppLock } from "../../store/app-lock";
import { appsDataDir } from "./paths";

/** Dokku's AskForDestructiveConfirmation: warns, then reads one line that must be the name. */
export async function confirmDestruction(ctx: Context, name: string, objectType: string): Promise<void> {
  ctx.out.warn("WARNING: Potentially Destructive Action");
  ctx.out.warn(`This command will destroy ${objectType} ${name}.`);
  ctx.out.warn(`To proceed, type "${name}"`);
  ctx.out.raw("> ");
  const answer = await ctx.input.readLine();
  // Dokku prints "did not match test" whatever the name; say which name was expected.
  if (answer?.trim() !== name) fail(`Confirmation did not match ${name}. Aborted.`, "not-confirmed");
}

/** `apps:destroy`: asks unless forced, then removes the app and every plugin's state for it. */
export async function destroyApp(ctx: Context, name: string | undefined, options: { force: boolean }): Promise<void> {
  const app = verifyApp(ctx, name);
  const force = options.force || ctx.flags.force || ctx.env.DOKKU_APPS_FORCE_DELETE === "1";
  if (!force) await confirmDestruction(ctx, app, "app");
  await withAppLock(ctx, app, async () => {
    verifyApp(ctx, app);
    ctx.out.step(`Destroying ${app} (including all add-ons)`);
    await removeApp(ctx, app);
  });
}

/**
 * `pre-delete` (a failing handler stops the destroy, as in Dokku: it may hold containers),
 * then the app dir, every plugin's properties and the apps data dir, then `post-delete`.
 */
async function removeApp(ctx: Context, app: string): Promise<void> {
  const { failures } = await ctx.bus.fire("pre-delete", { app });
  if (failures.length > 0)
    fail(`Unable to destroy ${app}: ${failures.map((f) => f.source).join(", ")} failed on pre-delete`);
  rmSync(appDir(ctx.paths, app), { recursive: true, force: true });
  ctx.store.destroyScope(app);
  rmSync(appsDataDir(ctx, app), { recursive: true, force: true });
  await ctx.bus.fire("post-delete", { app });
}
