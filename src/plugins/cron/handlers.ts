import type { Context } from "../../core/context";
import { cronTaskId } from "../../builders/cron-id";
import { currentRelease } from "../release/release-store";
import { writeHostSchedule } from "./host-schedule";
import { CRON_PLUGIN, TASK_MAINTENANCE_PREFIX } from "./properties";

/**
 * After apps:rename or apps:clone (properties already moved or copied): a task's id carries the
 * app's name, so each `maintenance.<id>` of the old name is rewritten to the new name's id of
 * the same task, then the host schedule is regenerated (rename: its lines now name the new app).
 */
export async function carryTaskMaintenance(ctx: Context, oldApp: string, newApp: string): Promise<void> {
  const entries = (currentRelease(ctx, newApp) ?? currentRelease(ctx, oldApp))?.appJson.cron ?? [];
  for (const entry of entries) {
    const from = `${TASK_MAINTENANCE_PREFIX}${cronTaskId(oldApp, entry.command, entry.schedule)}`;
    const value = ctx.store.get(CRON_PLUGIN, newApp, from);
    if (value === undefined) continue;
    ctx.store.set(
      CRON_PLUGIN,
      newApp,
      `${TASK_MAINTENANCE_PREFIX}${cronTaskId(newApp, entry.command, entry.schedule)}`,
      value,
    );
    ctx.store.delete(CRON_PLUGIN, newApp, from);
  }
  await writeHostSchedule(ctx);
}
