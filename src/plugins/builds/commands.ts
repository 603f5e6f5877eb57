import { existsSync, readFileSync, readlinkSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { visibleApps } from "../apps/app-list";
import { columnize } from "../config/go-format";
import {
  type BuildRecord,
  buildDuration,
  DEFAULT_RETENTION,
  displayStatus,
  listRecords,
  logPath,
  pidAlive,
  readRecord,
  rfc3339,
  writeRecord,
} from "./records";

const KINDS = ["build", "deploy"];
const STATUSES = ["running", "succeeded", "failed", "canceled", "abandoned"];

export interface ListOptions {
  readonly format?: string;
  readonly kind?: string;
  readonly status?: string;
}

/** A record as `--format json` shows it: the record plus display status, duration and log path. */
function view(ctx: Context, record: BuildRecord) {
  return {
    ...record,
    display_status: displayStatus(record),
    duration: buildDuration(record, ctx.now()),
    log_path: logPath(ctx, record.app, record.id),
  };
}

function checkFormat(format: string | undefined): "stdout" | "json" {
  if (format === undefined || format === "" || format === "stdout") return "stdout";
  if (format === "json") return "json";
  return fail("Invalid format specified, supported formats: json, stdout");
}

/** `builds:list [<app>]`: running builds of every app, or one app's running and recent builds. */
export async function listBuilds(ctx: Context, app: string | undefined, options: ListOptions): Promise<void> {
  const format = checkFormat(options.format);
  if (options.kind && !KINDS.includes(options.kind))
    fail(`Invalid --kind value "${options.kind}" (allowed: build, deploy)`);
  if (options.status && !STATUSES.includes(options.status)) {
    fail(`Invalid --status value "${options.status}" (allowed: running, succeeded, failed, canceled, abandoned)`);
  }
  const matches = (record: BuildRecord) =>
    (!options.kind || record.kind === options.kind) && (!options.status || displayStatus(record) === options.status);
  if (app === undefined) {
    const running = (await visibleApps(ctx))
      .flatMap((name) => listRecords(ctx, name))
      .filter((record) => record.status === "running" && matches(record))
      .sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0));
    if (format === "json") {
      ctx.out.print(JSON.stringify(running.map((record) => view(ctx, record))));
      return;
    }
    if (running.length === 0) {
      ctx.out.print("No builds currently running");
      return;
    }
    const rows = running.map((r) => [r.app, r.id, r.kind, String(r.pid), r.source, rfc3339(r.started_at)]);
    return ctx.out.print(columnize([["App", "Build ID", "Kind", "PID", "Source", "Started"], ...rows]));
  }
  verifyApp(ctx, app);
  const live = (record: BuildRecord) => displayStatus(record) === "running";
  let records = listRecords(ctx, app).filter(matches);
  records = [...records.filter(live), ...records.filter((record) => !live(record))];
  if (!options.kind && !options.status) records = records.slice(0, records.filter(live).length + DEFAULT_RETENTION);
  if (format === "json") {
    ctx.out.print(JSON.stringify(records.map((record) => view(ctx, record))));
    return;
  }
  if (records.length === 0) {
    ctx.out.print("No builds recorded for this app");
    return;
  }
  const rows = records.map((r) => [
    r.id,
    r.kind,
    displayStatus(r),
    String(r.pid),
    r.source,
    rfc3339(r.started_at),
    buildDuration(r, ctx.now()),
  ]);
  ctx.out.print(columnize([["Build ID", "Kind", "Status", "PID", "Source", "Started", "Duration"], ...rows]));
}

/** `builds:info <app> <id>`. */
export function showBuild(
  ctx: Context,
  app: string | undefined,
  id: string | undefined,
  format: string | undefined,
): void {
  const kind = checkFormat(format);
  const name = verifyApp(ctx, app);
  if (!id) fail("Please specify a build id");
  const record = readRecord(ctx, name, id) ?? fail(`No build record found for ${name}/${id}`, "build-missing");
  const shown = view(ctx, record);
  if (kind === "json") {
    ctx.out.print(JSON.stringify(shown));
    return;
  }
  const rows = [
    ["Build ID:", shown.id],
    ["App:", shown.app],
    ["Kind:", shown.kind],
    ["Status:", shown.display_status],
    ["PID:", String(shown.pid)],
    ["Source:", shown.source],
    ["Started:", rfc3339(shown.started_at)],
  ];
  if (shown.finished_at) rows.push(["Finished:", rfc3339(shown.finished_at)]);
  rows.push(["Duration:", shown.duration]);
  if (shown.exit_code !== undefined) rows.push(["Exit Code:", String(shown.exit_code)]);
  rows.push(["Log:", shown.log_path]);
  ctx.out.print(columnize(rows));
}

/** The app's in-flight build: the newest `running` record whose process is alive. */
export function currentBuild(ctx: Context, app: string): BuildRecord | undefined {
  return listRecords(ctx, app).find((record) => displayStatus(record) === "running");
}

/** `builds:output <app> [<id>|current]`: a finished build's log, or a running one's, followed to its end. */
export async function showBuildOutput(
  ctx: Context,
  app: string | undefined,
  id: string | undefined,
  pollMs = 250,
): Promise<void> {
  const name = verifyApp(ctx, app);
  let record: BuildRecord | undefined;
  if (!id || id === "current") {
    record = currentBuild(ctx, name);
    if (!record) {
      ctx.out.step("App not currently deploying");
      return;
    }
  } else record = readRecord(ctx, name, id);
  const buildId = record?.id ?? (id as string);
  const path = logPath(ctx, name, buildId);
  if (!/^[0-9a-z]+$/.test(buildId) || !existsSync(path))
    fail(`No build log found for ${name}/${buildId}`, "build-missing");
  let offset = 0;
  const drain = () => {
    const content = readFileSync(path);
    if (content.length > offset) ctx.out.raw(content.subarray(offset).toString("utf8"));
    offset = content.length;
  };
  drain();
  while (record && displayStatus(record) === "running") {
    await Bun.sleep(pollMs);
    drain();
    record = readRecord(ctx, name, buildId);
  }
  drain();
}

/**
 * `builds:cancel <app>`: stops the in-flight deploy (SIGTERM to its process, only when that
 * process is this program) and records it `canceled`; a record whose process is gone is
 * marked `failed`, as Dokku does.
 */
export function cancelBuild(ctx: Context, app: string | undefined): void {
  const name = verifyApp(ctx, app);
  const record = listRecords(ctx, name).find((candidate) => candidate.status === "running");
  if (!record) {
    ctx.out.step("App not currently deploying");
    return;
  }
  const finished = { finished_at: ctx.now().toISOString(), exit_code: -1 };
  if (!pidAlive(record.pid) || !isOurProcess(record.pid)) {
    ctx.out.step("Build was already terminated, marking failed");
    writeRecord(ctx, { ...record, ...finished, status: "failed" });
    return;
  }
  ctx.out.step("Killing app deploy");
  try {
    process.kill(record.pid, "SIGTERM");
  } catch (error) {
    ctx.out.warn(`Failed to signal process ${record.pid}: ${(error as Error).message}`);
  }
  writeRecord(ctx, { ...record, ...finished, status: "canceled" });
}

/** Whether `pid` runs this same executable (so a recycled pid is never signalled). */
function isOurProcess(pid: number): boolean {
  try {
    return readlinkSync(`/proc/${pid}/exe`) === readlinkSync("/proc/self/exe");
  } catch {
    return false;
  }
}
