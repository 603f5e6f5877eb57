import type { Context } from "../../core/context";
import type { Formation, Release } from "../deploy/contracts";
import { deployLockWait, holdDeployLock } from "../deploy/deploy-lock";
import type { Scheduler } from "../scheduler/scheduler";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import { formationFor } from "./formation";

/**
 * Runs `action` on the app's current release under its deploy lock (no other deploy, scale or
 * restart of the app meanwhile). An app that was never deployed gets Dokku's warning and false.
 */
export async function withCurrentRelease(
  ctx: Context,
  app: string,
  action: (scheduler: Scheduler, release: Release, formation: Formation) => Promise<void>,
): Promise<boolean> {
  if (!currentRelease(ctx, app)) {
    ctx.out.warn(`App ${app} has not been deployed`);
    return false;
  }
  using _lock = await holdDeployLock(ctx, app, { waitMs: deployLockWait(ctx) });
  const release = currentRelease(ctx, app);
  if (!release) {
    ctx.out.warn(`App ${app} has not been deployed`);
    return false;
  }
  await action(schedulerFor(ctx, app), release, formationFor(ctx, app, release));
  return true;
}
