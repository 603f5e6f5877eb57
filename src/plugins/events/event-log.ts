import { closeSync, existsSync, fstatSync, openSync, readSync, statSync, writeSync, constants } from "node:fs";
import type { Paths } from "../../core/paths";
import { ensureDir } from "../../store/atomic-write";
import { chownTo, type StateOwner } from "../../store/ownership";

/** Dokku's event log: `$DOKKU_LOGS_DIR/events.log`. */
export function eventLogPath(paths: Pick<Paths, "logsDir">): string {
  return `${paths.logsDir}/events.log`;
}

export interface EventRecord {
  readonly time: Date;
  readonly pid: number;
  readonly trigger: string;
  readonly user: string;
  readonly payload: unknown;
}

/**
 * One log line, Dokku's `INVOKED: trigger( ... ) NAME=user` with the payload as JSON. The bus
 * hands observers payloads with secret fields already redacted. Pure.
 */
export function formatEventLine(record: EventRecord): string {
  const payload = record.payload;
  const user = record.user.replace(/[\x00-\x1f\x7f\s]/g, "_");
  return `${record.time.toISOString()} dokku[${record.pid}]: INVOKED: ${record.trigger}( ${JSON.stringify(payload)} ) NAME=${user}\n`;
}

/**
 * Appends one line with O_APPEND in a single write, so lines of concurrent commands never
 * interleave. Creates the log dir (and the file) for the state owner when missing.
 */
export function appendEventLine(path: string, line: string, owner: StateOwner | undefined): void {
  const dir = path.slice(0, path.lastIndexOf("/"));
  ensureDir(dir, owner);
  const existed = existsSync(path);
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o640);
  try {
    if (!existed) chownTo(path, owner);
    const bytes = Buffer.from(line);
    const written = writeSync(fd, bytes);
    if (written !== bytes.length) throw new Error(`short write to ${path}`);
  } finally {
    closeSync(fd);
  }
}

/** The last `count` lines of the log, or "" when there is no log yet. */
export function readLastLines(path: string, count: number): string {
  if (!existsSync(path)) return "";
  const text = readFrom(path, 0).text;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines
    .slice(-count)
    .map((line) => `${line}\n`)
    .join("");
}

/** The bytes of the file from `offset` on, and where they end. */
function readFrom(path: string, offset: number): { text: string; end: number } {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return { text: "", end: size };
    const buffer = Buffer.alloc(size - offset);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString("utf8"), end: offset + read };
  } finally {
    closeSync(fd);
  }
}

export interface FollowOptions {
  /** Told of each batch of new complete lines (without their newlines), as they appear. */
  readonly onLines: (lines: string[]) => void;
  /** Stops the follow (SIGINT, end of input). */
  readonly signal: AbortSignal;
  readonly intervalMs?: number;
}

/**
 * `tail -F`: gives the last 100 lines, then polls the file until `signal` aborts. A file that
 * shrinks (rotated with copytruncate) or appears later is read from its start; a line still
 * being written waits for its newline.
 */
export async function followEventLog(path: string, options: FollowOptions): Promise<void> {
  const initial = readLastLines(path, 100);
  if (initial !== "") options.onLines(initial.slice(0, -1).split("\n"));
  let offset = sizeOf(path);
  while (!options.signal.aborted) {
    await pause(options.intervalMs ?? 250, options.signal);
    if (options.signal.aborted) break;
    const size = sizeOf(path);
    if (size < offset) offset = 0;
    if (size === offset) continue;
    const { text } = readFrom(path, offset);
    const complete = text.lastIndexOf("\n");
    if (complete < 0) continue;
    offset += Buffer.byteLength(text.slice(0, complete + 1));
    options.onLines(text.slice(0, complete).split("\n"));
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
