import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { allApps } from "../apps/app-list";
import { holdRetireLock, retireDueHeld } from "../scheduler-docker-local/retire-queue";
import { schedulerFor } from "../scheduler/select-scheduler";

/**
 * `ps:retire [<app>]`: retires the queued old containers whose `wait-to-retire` has passed
 * (of one app or of all), then the leftovers of unfinished deploys. One run at a time: another
 * run holding the lock makes this fail with Dokku's exit status 137, and the cron or systemd
 * timer simply tries again a minute later.
 */
export async function retireOldContainers(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = appArg === undefined ? undefined : verifyApp(ctx, appArg);
  using _lock = await holdRetireLock(ctx, "try");
  ctx.out.step("Retiring old containers and images");
  await retireDueHeld(ctx, app);
  for (const each of app === undefined ? allApps(ctx) : [app]) await schedulerFor(ctx, each).retire(ctx, each);
}
