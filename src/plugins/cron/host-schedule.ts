import { existsSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";
import { buildCrontab } from "../../builders/crontab";
import type { CronTask } from "../../builders/cron-tasks";
import { acquireLock } from "../../store/file-lock";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { GLOBAL } from "../../store/property-store";
import { allApps } from "../apps/app-list";
import { selectedSchedulerName } from "../scheduler/selected";
import { CRONTAB_HEADER, crontabTarget } from "./crontab-target";
import { appCronTasks, CRON_PLUGIN } from "./properties";

/** Schedulers whose tasks go to the host's crontab (Dokku's scheduler-uses-host-cron). */
const HOST_CRON_SCHEDULERS = ["docker-local"];

/**
 * Regenerates the ONE host schedule from every app's tasks (after a deploy, cron:set,
 * suspend/resume, destroy, rename): written whole each time, under a lock, so concurrent
 * deploys cannot interleave. With no task left, a schedule we wrote is removed; with none
 * written before, nothing is touched.
 */
export async function writeHostSchedule(ctx: Context): Promise<void> {
  const dir = pluginDataDir(ctx.paths, CRON_PLUGIN);
  using _lock = await acquireLock(`${dir}/crontab.lock`, {
    owner: ctx.owner,
    busyMessage: "Timed out waiting for another update of the cron schedule",
  });
  const marker = `${dir}/crontab-installed`;
  const text = buildCrontab({
    binary: ctx.executablePath,
    mailto: ctx.store.get(CRON_PLUGIN, GLOBAL, "mailto") ?? "",
    mailfrom: ctx.store.get(CRON_PLUGIN, GLOBAL, "mailfrom") ?? "",
    environment: {
      DOKKU_ROOT: ctx.paths.dokkuRoot,
      DOKKU_LIB_ROOT: ctx.paths.libRoot,
      DOKKU_LOGS_DIR: ctx.paths.logsDir,
    },
    tasks: hostCronTasks(ctx),
  });
  const target = crontabTarget(ctx);
  if (text === undefined) {
    if (!existsSync(marker)) return;
    if (await target.remove()) ctx.out.step("Removed schedule file");
    rmSync(marker, { force: true });
    return;
  }
  await target.install(`${CRONTAB_HEADER}\n${text}`);
  atomicWriteFileSync(marker, `${ctx.now().toISOString()}\n`, { owner: ctx.owner });
  ctx.out.step("Updated schedule file");
}

/** Every task of the apps on a host-cron scheduler; an app whose tasks cannot be read is warned about and skipped, as in Dokku. */
function hostCronTasks(ctx: Context): CronTask[] {
  const tasks: CronTask[] = [];
  for (const app of allApps(ctx)) {
    if (!HOST_CRON_SCHEDULERS.includes(selectedSchedulerName(ctx, app))) continue;
    try {
      tasks.push(...appCronTasks(ctx, app));
    } catch (error) {
      ctx.out.warn(`Skipping the cron tasks of ${app}: ${(error as Error).message}`);
    }
  }
  return tasks;
}
