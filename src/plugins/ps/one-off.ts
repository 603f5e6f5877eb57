import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { parseFormat } from "../../core/report";
import { schedulerFor } from "../scheduler/select-scheduler";
import type { LogsOptions } from "../scheduler/scheduler";
import { runAgainstAllApps } from "./all-apps";
import { visibleApps } from "../apps/app-list";
import { currentRelease } from "../release/releases";

/** `logs <app> ...`: refused for an app never deployed, as in Dokku; -t streams until hangup or Ctrl-C. */
export async function showAppLogs(
  ctx: Context,
  appArg: string | undefined,
  options: Omit<LogsOptions, "signal">,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (!currentRelease(ctx, app)) fail(`App ${app} has not been deployed`, "not-deployed");
  const scheduler = schedulerFor(ctx, app);
  if (!options.follow) return scheduler.logs(ctx, app, options);
  const abort = new AbortController();
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE"] as const;
  const stop = () => abort.abort();
  for (const signal of signals) process.once(signal, stop);
  try {
    await scheduler.logs(ctx, app, { ...options, signal: abort.signal });
  } finally {
    for (const signal of signals) process.off(signal, stop);
  }
}

/** `logs:failed [--all|<app>]`. */
export async function showFailedLogs(ctx: Context, appArg: string | undefined, all: boolean): Promise<void> {
  const each = async (app: string) => {
    ctx.out.heading(`${app} failed deploy logs`);
    await schedulerFor(ctx, app).failedLogs(ctx, app);
  };
  if (all) return runAgainstAllApps(ctx, "logs:failed", 0, each);
  await each(verifyApp(ctx, appArg));
}

export interface RunRequest {
  readonly app?: string;
  readonly env: readonly string[];
  readonly command: readonly string[];
  readonly tty: boolean;
  readonly detached: boolean;
  readonly ttlSeconds: number;
}

/**
 * `run` / `run:detached`: a one-off container of the current release. Attached, the command's
 * exit code becomes this command's (a DokkuError without message); detached, its name is printed.
 */
export async function runOneOffCommand(ctx: Context, request: RunRequest): Promise<void> {
  const app = verifyApp(ctx, request.app);
  const release = currentRelease(ctx, app);
  if (!release) fail(`App ${app} has not been deployed`, "not-deployed");
  for (const pair of request.env)
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair)) fail(`Invalid environment variable: ${pair}; expected KEY=VALUE`);
  const result = await schedulerFor(ctx, app).run(ctx, app, release, {
    ...request,
    command: request.command,
    env: request.env,
  });
  if (request.detached) return ctx.out.print(result.containerName);
  if (result.exitCode !== 0) throw new DokkuError("", { code: "command-failed", exitCode: result.exitCode });
}

/** The container names `run` gives: `<app>.run.<n>`. */
const RUN_CONTAINER = /^([a-z0-9][a-z0-9-]*)\.run\.(\d{1,6})$/;

/**
 * `run:stop <app>|--container <app>.run.<n>`, as Dokku's: stops and removes every run container
 * of the app, or the one named (its app read from the name).
 */
export async function stopRuns(ctx: Context, appArg: string | undefined, container: string | undefined): Promise<void> {
  let name = appArg;
  if (container !== undefined) {
    const match = RUN_CONTAINER.exec(container);
    if (!match) fail(`Invalid container name specified: ${container}; run containers are named <app>.run.<n>`);
    if (name !== undefined && name !== match[1]) fail(`Container ${container} is not a run container of ${name}`);
    name = match[1];
  } else if (name === undefined) fail("No container or app specified");
  const app = verifyApp(ctx, name);
  const stopped = await schedulerFor(ctx, app).runStop(ctx, app, container);
  if (container !== undefined && stopped.length === 0) return ctx.out.warn("Specified container does not exist");
  for (const stoppedName of stopped) ctx.out.step(`Stopped ${stoppedName}`);
}

/**
 * `run:retire [<app>]`, as Dokku's: stops and removes the run containers that outlived their
 * `--ttl-seconds`, of the app or of every app.
 */
export async function retireRuns(ctx: Context, appArg: string | undefined): Promise<void> {
  const apps = appArg === undefined ? await visibleApps(ctx) : [verifyApp(ctx, appArg)];
  for (const app of apps)
    for (const retired of await schedulerFor(ctx, app).runRetire(ctx, app)) ctx.out.detail(`Retired ${retired}`);
}

/** `run:list <app> [--format stdout|json]`, as Dokku's scheduler-run-list. */
export async function listRuns(ctx: Context, appArg: string | undefined, format: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const json = parseFormat(format) === "json";
  const runs = await schedulerFor(ctx, app).runList(ctx, app);
  if (json) {
    return ctx.out.print(
      JSON.stringify(
        runs.map((run) => ({ name: run.name, state: run.state, command: run.command, created_at: run.createdAt })),
      ),
    );
  }
  ctx.out.heading(`${app} run containers`);
  const rows = runs.map((run) => [run.name, JSON.stringify(run.command), run.createdAt]);
  if (!ctx.out.quiet) rows.unshift(["NAMES", "COMMAND", "CREATED"]);
  const widths = [0, 1].map((column) => Math.max(0, ...rows.map((row) => (row[column] as string).length)));
  for (const row of rows)
    ctx.out.print(
      `${(row[0] as string).padEnd((widths[0] as number) + 3)}${(row[1] as string).padEnd((widths[1] as number) + 3)}${row[2]}`,
    );
}

export interface EnterRequest {
  readonly app?: string;
  readonly processOrDyno?: string;
  readonly containerId?: string;
  readonly command: readonly string[];
  readonly tty: boolean;
}

/** `enter <app> [<type>|<type>.<n>|--container-id ID] [cmd...]`: the command's exit code becomes ours. */
export async function enterApp(ctx: Context, request: EnterRequest): Promise<void> {
  const app = verifyApp(ctx, request.app);
  if (!currentRelease(ctx, app)) fail(`App ${app} has not been deployed`, "not-deployed");
  const exitCode = await schedulerFor(ctx, app).enter(ctx, app, request);
  if (exitCode !== 0) throw new DokkuError("", { code: "command-failed", exitCode });
}
