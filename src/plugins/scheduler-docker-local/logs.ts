import { existsSync, readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { containerLogLines } from "../../executors/docker/logs";
import { cronLogSources } from "../cron/containers";
import type { LogsOptions } from "../scheduler/scheduler";
import { failedLogsPath } from "../scheduler/shared/settings";
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

/** `2024-01-02T03:04:05.000000000Z text` -> `2024-01-02T03:04:05.000000000Z app[web.1]: text`. Pure. */
export function prefixLine(dyno: string, line: string): string {
  const space = line.indexOf(" ");
  if (space < 0) return `${line} app[${dyno}]: `;
  return `${line.slice(0, space)} app[${dyno}]: ${line.slice(space + 1)}`;
}

/** A timestamped log line as printed (prefixed with its dyno, or raw without the time) and the time it sorts by. Pure. */
export function formatLogLine(dyno: string, line: string, raw: boolean): { time: string; text: string } {
  return { time: line.split(" ", 1)[0] ?? "", text: raw ? stripTimestamp(line) : prefixLine(dyno, line) };
}

function stripTimestamp(line: string): string {
  const space = line.indexOf(" ");
  return space < 0 ? "" : line.slice(space + 1);
}

/** `logs:failed <app>`: what the containers of the last failed deploy printed. */
export function showFailedLogs(ctx: Context, app: string): void {
  const path = failedLogsPath(ctx, app);
  if (!existsSync(path)) {
    ctx.out.warn("No failed containers found");
    return;
  }
  for (const line of readFileSync(path, "utf8").replace(/\n$/, "").split("\n")) ctx.out.print(line);
}
