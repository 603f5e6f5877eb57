import type { Context } from "../../core/context";
import { cronTasks, type CronTask } from "../../builders/cron-tasks";
import { GLOBAL } from "../../store/property-store";
import { currentRelease } from "../release/release-store";

export const CRON_PLUGIN = "cron";

/** `maintenance.<id>`: one task suspended (cron:suspend). */
export const TASK_MAINTENANCE_PREFIX = "maintenance.";

/** Properties `cron:set` takes (beside `maintenance.<id>`), and which of them only --global. */
export const CRON_PROPERTIES = ["mailfrom", "mailto", "maintenance"] as const;
export const GLOBAL_ONLY_PROPERTIES = ["mailfrom", "mailto"] as const;

/** The value in force: the app's `maintenance` if true, else the global one, else false (Dokku's reportComputedMaintenance). */
export function computedMaintenance(ctx: Pick<Context, "store">, scope: string): boolean {
  if (ctx.store.get(CRON_PLUGIN, scope, "maintenance") === "true") return true;
  return ctx.store.get(CRON_PLUGIN, GLOBAL, "maintenance") === "true";
}

/** `maintenance.<id>` properties of the app: id -> value. */
export function taskMaintenanceProperties(ctx: Pick<Context, "store">, app: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.store.getAll(CRON_PLUGIN, app))) {
    if (key.startsWith(TASK_MAINTENANCE_PREFIX)) found[key.slice(TASK_MAINTENANCE_PREFIX.length)] = value;
  }
  return found;
}

/** The app's tasks from its current release's app.json (none before the first deploy). */
export function appCronTasks(ctx: Pick<Context, "store" | "paths">, app: string): CronTask[] {
  const entries = currentRelease(ctx, app)?.appJson.cron ?? [];
  const suspended = new Set(
    Object.entries(taskMaintenanceProperties(ctx, app))
      .filter(([, value]) => value === "true")
      .map(([id]) => id),
  );
  return cronTasks({ app, entries, appInMaintenance: computedMaintenance(ctx, app), suspended });
}
