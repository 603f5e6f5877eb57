import type { Context } from "../../core/context";
import { appExists } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { appDir } from "../../core/paths";
import { ensureDir } from "../../store/atomic-write";
import { withAppLock } from "../../store/app-lock";
import { assertNewAppName } from "./new-name";
import { APPS_PLUGIN, appsDataDir } from "./paths";

export const NAME_TAKEN = "Name is already taken";

/** `apps:create`: validates the name, then creates the app under its lock. */
export async function createApp(ctx: Context, name: string | undefined): Promise<void> {
  const app = assertNewAppName(ctx, name);
  await withAppLock(ctx, app, () => createAppLocked(ctx, app));
}

/**
 * Creates an app whose lock the caller holds: the app dir, its data dir and `created-at`
 * (unix seconds, a one-item property list as Dokku reads it), then `post-create`.
 */
export async function createAppLocked(ctx: Context, app: string): Promise<void> {
  if (appExists(ctx, app)) fail(NAME_TAKEN, "app-exists");
  assertNewAppName(ctx, app);
  ctx.out.step(`Creating ${app}...`);
  ensureDir(appDir(ctx.paths, app), ctx.owner);
  recordCreatedAt(ctx, app);
  ensureDir(appsDataDir(ctx, app), ctx.owner);
  await ctx.bus.fire("post-create", { app });
}

export function recordCreatedAt(ctx: Context, app: string): void {
  ctx.store.setList(APPS_PLUGIN, app, "created-at", [String(Math.floor(ctx.now().getTime() / 1000))]);
}
