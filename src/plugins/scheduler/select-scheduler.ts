import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { createDockerLocalScheduler } from "../scheduler-docker-local/docker-local";
import { createNullScheduler } from "../scheduler-null/null-scheduler";
import { createSwarmScheduler } from "../scheduler-swarm/swarm-scheduler";
import type { Scheduler, SchedulerDeps } from "./scheduler";
import { selectedSchedulerName } from "./selected";

/**
 * The registry: the only module that knows every scheduler. It hands each one what it needs
 * of the others (SchedulerDeps), so no scheduler imports this registry or another scheduler.
 */
function depsOf(name: string): SchedulerDeps {
  return { leaveOthers: (ctx, app) => leaveOtherSchedulers(ctx, app, name) };
}

/** The schedulers this build has. */
export const SCHEDULERS: Readonly<Record<string, Scheduler>> = {
  "docker-local": createDockerLocalScheduler(depsOf("docker-local")),
  swarm: createSwarmScheduler(depsOf("swarm")),
  null: createNullScheduler(depsOf("null")),
};

/**
 * After a scheduler deployed an app, the others let go of it: an app moved from docker-local
 * to swarm (or back) stops running twice. Each scheduler's `leave` is a no-op for an app it
 * does not run.
 */
async function leaveOtherSchedulers(ctx: Context, app: string, current: string): Promise<void> {
  for (const [name, scheduler] of Object.entries(SCHEDULERS)) {
    if (name !== current) await scheduler.leave(ctx, app);
  }
}

/** The scheduler named `name` (`docker-local`, `swarm`, `null`); unknown names fail, listing the known ones. */
export function schedulerNamed(name: string, app?: string): Scheduler {
  const scheduler = SCHEDULERS[name];
  if (!scheduler)
    fail(
      `Scheduler ${name}${app === undefined ? "" : ` of ${app}`} is not available; available schedulers: ${Object.keys(SCHEDULERS).join(", ")}`,
      "unknown-scheduler",
    );
  return scheduler;
}

/** The scheduler that runs the app's containers. */
export function schedulerFor(ctx: Context, app: string): Scheduler {
  return schedulerNamed(selectedSchedulerName(ctx, app), app);
}
