import type { Context } from "../../core/context";
import { appExists, verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { allApps } from "../apps/app-list";
import { tryHoldDeployLock } from "../deploy/deploy-lock";
import { holdRetireLock, retireDueHeld } from "../scheduler/shared/retire-queue";
import { schedulerFor } from "../scheduler/select-scheduler";

/**
 * `ps:retire [<app>]`: retires the queued old containers whose `wait-to-retire` has passed
 * (of one app or of all), then, app by app, settles what a crashed deploy left and removes the
 * leftovers of unfinished deploys and its run containers past their `--ttl-seconds`, but never
 * touches an app whose deploy lock a live process holds (its new containers may be in their checks). One run at a time: another run holding
 * the lock makes this fail with Dokku's exit status 137, and the cron or systemd timer simply
 * tries again a minute later.
 */
export async function retireOldContainers(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = appArg === undefined ? undefined : verifyApp(ctx, appArg);
  using _lock = await holdRetireLock(ctx, "try");
  ctx.out.step("Retiring old containers and images");
  await retireDueHeld(ctx, app);
  const failures: string[] = [];
  for (const each of app === undefined ? allApps(ctx) : [app]) {
    try {
      await retireLeftovers(ctx, each);
    } catch (error) {
      // one app's trouble (its recovery could not finish) does not keep the others from theirs
      ctx.out.warn(`Could not retire ${each}'s leftovers: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(each);
    }
  }
  if (failures.length > 0) fail(`ps:retire could not finish for ${failures.join(", ")}`, "retire-failed");
}

async function retireLeftovers(ctx: Context, app: string): Promise<void> {
  // an app destroyed since the list was read: taking its lock would make its data dir again
  if (!appExists(ctx, app)) return;
  using deployLock = await tryHoldDeployLock(ctx, app);
  if (!deployLock) return ctx.out.detail(`Skipping ${app}: a deploy is running`);
  const scheduler = schedulerFor(ctx, app);
  await scheduler.retire(ctx, app);
  // as Dokku's ps:retire: run containers past their --ttl-seconds go too (run:retire)
  for (const name of await scheduler.runRetire(ctx, app)) ctx.out.detail(`Retired expired run container ${name}`);
}
