import type { Context } from "../../core/context";

export const SCHEDULER_PLUGIN = "scheduler";

/** `scheduler:set` selected: the app's, else the global one, else docker-local (Dokku's computed-selected). */
export function selectedSchedulerName(ctx: Pick<Context, "store">, app: string): string {
  return ctx.store.getComputed(SCHEDULER_PLUGIN, app, "selected", "docker-local");
}
