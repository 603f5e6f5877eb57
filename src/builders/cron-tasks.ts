import type { ConcurrencyPolicy, CronEntry } from "./app-json-types";
import { cronTaskId } from "./cron-id";

/** One scheduled task of an app, as Dokku's cron plugin lists it. */
export interface CronTask {
  readonly id: string;
  readonly app: string;
  readonly command: string;
  readonly schedule: string;
  readonly concurrencyPolicy: ConcurrencyPolicy;
  /** `cron:set <app> maintenance true` (or the global one) holds every task of the app. */
  readonly appInMaintenance: boolean;
  /** `cron:suspend`, or `maintenance: true` in app.json. */
  readonly taskInMaintenance: boolean;
  /** Either: the task is left out of the host schedule. */
  readonly maintenance: boolean;
}

export interface CronTasksInput {
  readonly app: string;
  /** app.json's `cron`, as validated when the release was made. */
  readonly entries: readonly CronEntry[];
  readonly appInMaintenance: boolean;
  /** Ids with `maintenance.<id>` set to true. */
  readonly suspended: ReadonlySet<string>;
}

/** The app's tasks in app.json order, with their ids and maintenance state. Pure. */
export function cronTasks(input: CronTasksInput): CronTask[] {
  return input.entries.map((entry) => {
    const id = cronTaskId(input.app, entry.command, entry.schedule);
    const taskInMaintenance = entry.maintenance === true || input.suspended.has(id);
    return {
      id,
      app: input.app,
      command: entry.command,
      schedule: entry.schedule,
      concurrencyPolicy: entry.concurrency_policy ?? "allow",
      appInMaintenance: input.appInMaintenance,
      taskInMaintenance,
      maintenance: input.appInMaintenance || taskInMaintenance,
    };
  });
}

/** The Maintenance column of `cron:list`: `true (task)`, `true (app)` or `false`. Pure. */
export function maintenanceLabel(task: CronTask): string {
  if (task.taskInMaintenance) return "true (task)";
  if (task.appInMaintenance) return "true (app)";
  return "false";
}

/** The rows of `cron:list` (header first), for columnize. Pure. */
export function cronListRows(tasks: readonly CronTask[]): string[][] {
  const rows = tasks.map((task) => [
    task.id,
    task.schedule,
    task.concurrencyPolicy,
    maintenanceLabel(task),
    task.command,
  ]);
  return [["ID", "Schedule", "Concurrency", "Maintenance", "Command"], ...rows];
}

/** `cron:list --format json`: Dokku's CronTask fields in its order, as Go's encoding/json writes them. Pure. */
export function cronListJson(tasks: readonly CronTask[]): string {
  const records = tasks.map((task) => ({
    id: task.id,
    app: task.app,
    command: task.command,
    schedule: task.schedule,
    concurrency_policy: task.concurrencyPolicy,
    "app-in-maintenance": task.appInMaintenance,
    "task-in-maintenance": task.taskInMaintenance,
    maintenance: task.maintenance,
  }));
  // `<>&` and U+2028/9 occur only inside strings, where Go escapes them
  return JSON.stringify(records).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
