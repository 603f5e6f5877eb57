import { readdirSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";
import { atomicWriteFileSync } from "../../store/atomic-write";

export const BUILDS_PLUGIN = "builds";

export type BuildStatus = "running" | "succeeded" | "failed" | "canceled";
export type DisplayStatus = BuildStatus | "abandoned";

/** A build record, as Dokku's builds plugin stores it (`<id>.json` beside `<id>.log`). */
export interface BuildRecord {
  readonly id: string;
  readonly app: string;
  readonly kind: "build" | "deploy";
  readonly pid: number;
  readonly started_at: string;
  readonly finished_at?: string;
  readonly status: BuildStatus;
  readonly source: string;
  readonly exit_code?: number;
}

/** `$DOKKU_LIB_ROOT/data/builds/<app>`. */
export function buildsDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${pluginDataDir(ctx.paths, BUILDS_PLUGIN)}/${app}`;
}

export function recordPath(ctx: Pick<Context, "paths">, app: string, id: string): string {
  return `${buildsDir(ctx, app)}/${id}.json`;
}

export function logPath(ctx: Pick<Context, "paths">, app: string, id: string): string {
  return `${buildsDir(ctx, app)}/${id}.log`;
}

export function writeRecord(ctx: Pick<Context, "paths" | "owner">, record: BuildRecord): void {
  atomicWriteFileSync(recordPath(ctx, record.app, record.id), `${JSON.stringify(record, null, 2)}\n`, {
    mode: 0o644,
    owner: ctx.owner,
  });
}

/** The record of one build, or undefined when there is none (or it cannot be read). */
export function readRecord(ctx: Pick<Context, "paths">, app: string, id: string): BuildRecord | undefined {
  if (!/^[0-9a-z]+$/.test(id)) return undefined;
  try {
    return JSON.parse(readFileSync(recordPath(ctx, app, id), "utf8")) as BuildRecord;
  } catch {
    return undefined;
  }
}

/** Every record of an app, newest first (ids sort by time). */
export function listRecords(ctx: Pick<Context, "paths">, app: string): BuildRecord[] {
  let names: string[];
  try {
    names = readdirSync(buildsDir(ctx, app));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .map((name) => readRecord(ctx, app, name.slice(0, -".json".length)))
    .filter((record): record is BuildRecord => record !== undefined)
    .sort((a, b) => (a.started_at === b.started_at ? (a.id < b.id ? 1 : -1) : a.started_at < b.started_at ? 1 : -1));
}

/** `running` records whose process is gone show as `abandoned` (never written so). */
export function displayStatus(record: BuildRecord, alive: (pid: number) => boolean = pidAlive): DisplayStatus {
  return record.status === "running" && !alive(record.pid) ? "abandoned" : record.status;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Dokku's default retention: finished records kept per app. */
export const DEFAULT_RETENTION = 20;

/** Drops the oldest finished records (and their logs) past the retention; running ones stay. */
export function pruneRecords(ctx: Pick<Context, "paths">, app: string, retention = DEFAULT_RETENTION): void {
  const finished = listRecords(ctx, app).filter((record) => record.status !== "running");
  for (const record of finished.slice(retention)) {
    rmSync(recordPath(ctx, app, record.id), { force: true });
    rmSync(logPath(ctx, app, record.id), { force: true });
  }
}

/** Go's time.Duration String() of whole seconds: `0s`, `14s`, `1m14s`, `1h0m5s`. Pure. */
export function goDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** How long a build ran (or has been running, at `now`). */
export function buildDuration(record: BuildRecord, now: Date): string {
  const end = record.finished_at ? Date.parse(record.finished_at) : now.getTime();
  return goDuration((end - Date.parse(record.started_at)) / 1000);
}

/** An RFC 3339 time without fractions, as Go's time.RFC3339 prints it. Pure. */
export function rfc3339(iso: string): string {
  return iso.replace(/\.\d+Z$/, "Z");
}
