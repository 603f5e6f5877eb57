import { formatLogLine } from "../../builders/log-line";
import type { Context } from "../../core/context";
import { containerLogLines } from "../../executors/docker/logs";
import { cronLogSources } from "../cron/containers";
import type { LogsOptions } from "../scheduler/scheduler";
import { appContainers } from "./status";

/**
 * `logs <app>`: every container's log (or one process type's), each line as Dokku prints it,
 * `<time> app[web.1]: <line>`, or raw with `raw`. Without follow, the lines of all containers
 * are merged in time order; with follow, they are printed as they come.
 */
export async function showLogs(ctx: Context, app: string, options: LogsOptions): Promise<void> {
  const docker = await ctx.docker();
  const deployed = (await appContainers(ctx, app)).map((container) => ({
    id: container.id,
    dyno: `${container.proc}.${container.index}`,
  }));
  // cron task runs (`app[cron.<n>]`), kept after they finish by the cron plugin
  const containers = [...deployed, ...(await cronLogSources(ctx, app))].filter(
    (container) => options.processType === undefined || container.dyno.split(".")[0] === options.processType,
  );
  if (!options.follow) {
    const lines: Array<{ time: string; text: string }> = [];
    for (const container of containers) {
      const dyno = container.dyno;
      await containerLogLines(docker, container.id, { tail: options.num, follow: false, timestamps: true }, (line) =>
        lines.push(formatLogLine(dyno, line.text, options.raw)),
      );
    }
    lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    for (const line of lines) ctx.out.print(line.text);
    return;
  }
  await Promise.all(
    containers.map((container) => {
      const dyno = container.dyno;
      return containerLogLines(
        docker,
        container.id,
        { tail: options.num, follow: true, timestamps: true, signal: options.signal },
        (line) => ctx.out.print(formatLogLine(dyno, line.text, options.raw).text),
      );
    }),
  );
}
