import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { dockerLocalScheduler } from "../scheduler-docker-local/docker-local";
import { swarmScheduler } from "../scheduler-swarm/swarm-scheduler";
import type { Scheduler } from "./scheduler";

export const SCHEDULER_PLUGIN = "scheduler";

/** The schedulers this build has. */
export const SCHEDULERS: Readonly<Record<string, Scheduler>> = {
  "docker-local": dockerLocalScheduler,
  swarm: swarmScheduler,
};

/** `scheduler:set` selected: the app's, else the global one, else docker-local (Dokku's computed-selected). */
export function selectedSchedulerName(ctx: Pick<Context, "store">, app: string): string {
  return ctx.store.getComputed(SCHEDULER_PLUGIN, app, "selected", "docker-local");
}

/** The scheduler that runs the app's containers. */
export function schedulerFor(ctx: Context, app: string): Scheduler {
  const name = selectedSchedulerName(ctx, app);
  const scheduler = SCHEDULERS[name];
  if (!scheduler)
    fail(
      `Scheduler ${name} of ${app} is not available; available schedulers: ${Object.keys(SCHEDULERS).join(", ")}`,
      "unknown-scheduler",
    );
  return scheduler;
}
