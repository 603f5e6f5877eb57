import { LABELS } from "../../builders/container-spec";
import { formatLogLine } from "../../builders/log-line";
import type { Context } from "../../core/context";
import { containerLogLines, parseServiceLogLine, serviceLogLines } from "../../executors/docker/logs";
import { listAppServices, listServiceTasks } from "../../executors/docker/services";
import { cronLogSources } from "../cron/containers";
import type { LogsOptions } from "../scheduler/scheduler";
import { isManager } from "./manager";

/** A log line ready to print, with the time it sorts by. */
interface Printed {
  readonly time: string;
  readonly text: string;
}

/**
 * `logs <app>` of a swarm app: each service's log through the manager (tasks on every node),
 * each line of a task Swarm runs now as `<time> app[<proc>.<slot>]: <line>` (raw with `raw`),
 * and the cron runs' containers on this host as with docker-local. Without follow, all lines are
 * merged in time order; with follow, printed as they come.
 */
export async function showSwarmLogs(ctx: Context, app: string, options: LogsOptions): Promise<void> {
  const docker = await ctx.docker();
  const wanted = (proc: string) => options.processType === undefined || proc === options.processType;
  const services = (await isManager(docker))
    ? (await listAppServices(docker, app)).filter((service) => wanted(service.Spec.Labels?.[LABELS.processType] ?? ""))
    : [];
  const dynos = new Map<string, string>();
  for (const service of services) {
    const proc = service.Spec.Labels?.[LABELS.processType] ?? "";
    for (const task of await listServiceTasks(docker, service.ID, "running"))
      dynos.set(task.ID ?? "", `${proc}.${task.Slot ?? 0}`);
  }
  const crons = (await cronLogSources(ctx, app)).filter((container) => wanted(container.dyno.split(".")[0] ?? ""));
  const sink = options.follow
    ? (line: Printed) => ctx.out.print(line.text)
    : (line: Printed) => void collected.push(line);
  const collected: Printed[] = [];
  const fromService = (text: string) => {
    const line = parseServiceLogLine(text);
    const dyno = dynos.get(line.taskId);
    if (dyno === undefined) return; // a task Swarm no longer runs (an older release, a failed start)
    sink(formatLogLine(dyno, `${line.time} ${line.text}`, options.raw));
  };
  const common = { tail: options.num, follow: options.follow, ...(options.signal ? { signal: options.signal } : {}) };
  await Promise.all([
    ...services.map((service) => serviceLogLines(docker, service.ID, common, (line) => fromService(line.text))),
    ...crons.map((container) =>
      containerLogLines(docker, container.id, { ...common, timestamps: true }, (line) =>
        sink(formatLogLine(container.dyno, line.text, options.raw)),
      ),
    ),
  ]);
  if (options.follow) return;
  collected.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  for (const line of collected) ctx.out.print(line.text);
}
