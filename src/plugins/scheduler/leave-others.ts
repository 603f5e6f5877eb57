import type { Context } from "../../core/context";

/**
 * After a scheduler deployed an app, the others let go of it: an app moved from docker-local
 * to swarm (or back) stops running twice. Each scheduler's `leave` is a no-op for an app it
 * does not run.
 */
export async function leaveOtherSchedulers(ctx: Context, app: string, current: string): Promise<void> {
  const { SCHEDULERS } = await import("./select-scheduler");
  for (const [name, scheduler] of Object.entries(SCHEDULERS)) {
    if (name !== current) await scheduler.leave(ctx, app);
  }
}
