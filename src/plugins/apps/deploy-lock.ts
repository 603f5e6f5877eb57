import { existsSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { withAppLock } from "../../store/app-lock";
import { deployLockPath } from "./paths";

/** How a marker written by `apps:lock` begins. */
export const APPS_LOCK_NOTE = "apps:lock";

export function isDeployLocked(ctx: Pick<Context, "paths">, app: string): boolean {
  return existsSync(deployLockPath(ctx, app));
}

/** `apps:lock`: creates the deploy lock marker; deploys refuse to start while it exists. */
export async function lockDeploys(ctx: Context, name: string | undefined): Promise<void> {
  const app = verifyApp(ctx, name);
  await withAppLock(ctx, app, () => {
    // the note tells a deploy that this marker is a user's lock, not a deploy in progress
    atomicWriteFileSync(
      deployLockPath(ctx, app),
      `${APPS_LOCK_NOTE} user=${ctx.user} at=${ctx.now().toISOString()}\n`,
      { owner: ctx.owner },
    );
  });
  ctx.out.step("Deploy lock created");
}

/** `apps:unlock`: removes the marker; like Dokku, it is an error when there is none. */
export async function unlockDeploys(ctx: Context, name: string | undefined): Promise<void> {
  const app = verifyApp(ctx, name);
  await withAppLock(ctx, app, () => {
    if (!isDeployLocked(ctx, app)) fail("Unable to remove deploy lock");
    ctx.out.warn("A deploy may be in progress.");
    ctx.out.warn("Removing the app lock will not stop in progress deploys.");
    rmSync(deployLockPath(ctx, app), { force: true });
  });
  ctx.out.step("Deploy lock removed");
}

/** `apps:locked`: succeeds, saying so, when the marker exists; fails otherwise. */
export function checkDeployLock(ctx: Context, name: string | undefined): void {
  const app = verifyApp(ctx, name);
  if (!isDeployLocked(ctx, app)) fail("Deploy lock does not exist");
  if (!ctx.out.quiet) ctx.out.print("Deploy lock exists");
}
