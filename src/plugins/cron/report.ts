import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { appCronTasks, computedMaintenance, CRON_PLUGIN, taskMaintenanceProperties } from "./properties";

/** `cron:report`, as Dokku's cron/report.go: mail settings, maintenance, task count and one row per suspended task. */
export function cronReport(ctx: Context, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(CRON_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {
    "--cron-computed-mailfrom": get(GLOBAL, "mailfrom"),
    "--cron-computed-mailto": get(GLOBAL, "mailto"),
    "--cron-computed-maintenance": String(computedMaintenance(ctx, target)),
    "--cron-global-mailfrom": get(GLOBAL, "mailfrom"),
    "--cron-global-mailto": get(GLOBAL, "mailto"),
    "--cron-global-maintenance": get(GLOBAL, "maintenance"),
  };
  if (target !== GLOBAL) {
    entries["--cron-maintenance"] = get(target, "maintenance");
    entries["--cron-task-count"] = String(appCronTasks(ctx, target).length);
    for (const [id, value] of Object.entries(taskMaintenanceProperties(ctx, target)))
      entries[`--cron-maintenance-${id}`] = value;
  }
  return { type: "cron", target, entries };
}
