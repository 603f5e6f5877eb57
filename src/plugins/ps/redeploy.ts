import type { Context } from "../../core/context";
import type { Formation, Release } from "../deploy/contracts";
import { deployLockWait, holdDeployLock } from "../deploy/deploy-lock";
import type { Scheduler } from "../scheduler/scheduler";
import { schedulerFor } from "../scheduler/select-scheduler";
import { deployReleaseCopy } from "../release/copy-release";
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

/**
 * The current release's image goes live again as a new release with the app's config of now
 * (a config change that restarts the app, as Heroku makes it a release): under the deploy
 * lock, through the pipeline's health-checked stage.
 */
export function releaseWithNewConfig(ctx: Context, app: string, description: string): Promise<boolean> {
  return withCurrentRelease(ctx, app, async (_scheduler, release) => {
    await deployReleaseCopy(ctx, app, release, description);
  });
}
