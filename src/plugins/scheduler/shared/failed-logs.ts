import { existsSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../../core/context";
import { DokkuError } from "../../../core/errors";
import { atomicWriteFileSync } from "../../../store/atomic-write";
import { failedLogsPath } from "./properties";

/** How many log lines of a failed container the deploy's error carries. */
const FAILED_LOG_LINES = 20;

/** A container (or Swarm task) that failed a deploy, and what it printed. */
export interface FailedContainer {
  /** `web.1`. */
  readonly dyno: string;
  /** Its container id (a task's id when it has no container). */
  readonly id: string;
  /** Why it failed, as logs:failed heads its output. */
  readonly why: string;
  /** Why it failed, as the deploy's error says it. */
  readonly reason: string;
  /** Its last log lines. */
  readonly lines: readonly string[];
}

/**
 * The failed-deploy report of every scheduler: what logs:failed shows (each failed container's
 * header and output) and the deploy's error (the first one's reason and last lines).
 * `nothing` is the error when no container is known to have failed. Pure.
 */
export function failedDeployReport(
  app: string,
  failed: readonly FailedContainer[],
  nothing: string,
): { readonly saved: readonly string[]; readonly message: string } {
  const first = failed[0];
  if (!first) return { saved: [nothing], message: nothing };
  const saved = failed.flatMap((container) => [
    `=====> ${app} ${container.dyno} (${container.id.slice(0, 12)}): ${container.why}`,
    ...container.lines,
  ]);
  const last =
    first.lines.length === 0
      ? [`(${first.dyno} printed nothing)`]
      : [`Last output of ${first.dyno}:`, ...first.lines.slice(-FAILED_LOG_LINES)];
  return { saved, message: [`Could not start ${first.dyno}: ${first.reason}`, ...last].join("\n") };
}

/** Keeps the report for logs:failed and throws the deploy's error. */
export function failDeploy(ctx: Context, app: string, failed: readonly FailedContainer[], nothing: string): never {
  const report = failedDeployReport(app, failed, nothing);
  atomicWriteFileSync(failedLogsPath(ctx, app), `${report.saved.join("\n")}\n`, { mode: 0o600, owner: ctx.owner });
  throw new DokkuError(report.message, { code: "deploy-failed" });
}

/** A deploy begins: the last failed one's report goes. */
export function clearFailedLogs(ctx: Pick<Context, "paths">, app: string): void {
  rmSync(failedLogsPath(ctx, app), { force: true });
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
