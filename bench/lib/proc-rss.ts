/**
 * Peak memory of a process tree, read from /proc (bench/push-memory.ts): every `intervalMs` it
 * walks the descendants of a root process (`/proc/<pid>/task/<tid>/children`) and reads each
 * one's resident set (`VmRSS`) and its high-water mark (`VmHWM`, the kernel's own peak, so a
 * spike between two samples is still counted for that process). Processes whose executable is
 * `exe` (the dokku binary) are "ours": their resident sets are summed at each sample, and the
 * largest sum is the concurrent peak. Linux only.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { basename } from "node:path";

export interface ProcPeak {
  readonly pid: number;
  readonly ppid: number;
  /** The process's argv, shortened for a table. */
  readonly label: string;
  readonly exe: string;
  readonly ours: boolean;
  /** Its largest VmHWM seen, bytes. */
  readonly peakBytes: number;
}

export interface RssSample {
  /** ms since the sampler started. */
  readonly at: number;
  /** Sum of VmRSS of our processes alive at that moment, bytes. */
  readonly oursBytes: number;
  /** Sum of VmRSS of the other processes of the tree, bytes. */
  readonly othersBytes: number;
}

export interface RssReport {
  readonly processes: readonly ProcPeak[];
  /** The largest sum of our concurrent processes' VmRSS, bytes. */
  readonly maxOursSumBytes: number;
  readonly samples: readonly RssSample[];
}

export interface RssSampler {
  stop(): RssReport;
}

/** `VmRSS` and `VmHWM` of a `/proc/<pid>/status` text, in bytes (0 when absent: a kernel thread, a zombie). Pure. */
export function parseStatus(text: string): { rss: number; hwm: number } {
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
  return { rss: kib("VmRSS"), hwm: kib("VmHWM") };
}

/** A `/proc/<pid>/cmdline` (NUL-separated argv) as one line of at most `max` characters. Pure. */
export function cmdlineLabel(raw: string, max = 60): string {
  const line = raw
    .split("\u0000")
    .filter((part) => part !== "")
    .map((part, index) => (index === 0 ? basename(part) : part))
    .join(" ");
  return line.length <= max ? line : `${line.slice(0, max - 3)}...`;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process is gone
  }
}

/** The pids of `pid`'s children, from every one of its threads (none when it is gone). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const task of tasks) {
    for (const child of (read(`/proc/${pid}/task/${task}/children`) ?? "").split(" "))
      if (child.trim() !== "") children.push(Number(child));
  }
  return children;
}

/** Every descendant of `root` with its parent, parents first. */
function descendants(root: number): { pid: number; parent: number }[] {
  const found: { pid: number; parent: number }[] = [];
  const queue = childrenOf(root).map((pid) => ({ pid, parent: root }));
  while (queue.length > 0) {
    const next = queue.shift() as { pid: number; parent: number };
    found.push(next);
    queue.push(...childrenOf(next.pid).map((pid) => ({ pid, parent: next.pid })));
  }
  return found;
}

/** Samples the descendants of `root` (not `root` itself) until `stop`. */
export function startRssSampler(root: number, exe: string, intervalMs = 10): RssSampler {
  const started = performance.now();
  const peaks = new Map<
    string,
    { pid: number; ppid: number; label: string; exe: string; ours: boolean; peakBytes: number }
  >();
  const samples: RssSample[] = [];
  let maxOursSumBytes = 0;
  const tick = () => {
    let oursBytes = 0;
    let othersBytes = 0;
    const seen = new Map<number, { path: string; cmdline: string }>();
    for (const { pid, parent } of descendants(root)) {
      const status = read(`/proc/${pid}/status`);
      if (status === undefined) continue;
      let path = "";
      try {
        path = readlinkSync(`/proc/${pid}/exe`);
      } catch {
        continue;
      }
      const cmdline = read(`/proc/${pid}/cmdline`) ?? "";
      seen.set(pid, { path, cmdline });
      const { rss, hwm } = parseStatus(status);
      if (rss === 0) continue;
      const ours = path === exe;
      // a child spawned by one of ours, before its exec: the parent's memory, not more of it
      const up = seen.get(parent);
      if (ours && up?.path === exe && up.cmdline === cmdline) continue;
      // a pid is reused only after its process is reaped; the start time tells two apart
      const stat = (read(`/proc/${pid}/stat`) ?? "").split(") ")[1]?.split(" ") ?? [];
      const key = `${pid}:${stat[19] ?? ""}:${path}`;
      const known = peaks.get(key);
      const label = cmdlineLabel(cmdline);
      if (known === undefined) peaks.set(key, { pid, ppid: parent, label, exe: path, ours, peakBytes: hwm });
      else known.peakBytes = Math.max(known.peakBytes, hwm);
      if (ours) oursBytes += rss;
      else othersBytes += rss;
    }
    maxOursSumBytes = Math.max(maxOursSumBytes, oursBytes);
    samples.push({ at: performance.now() - started, oursBytes, othersBytes });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { processes: [...peaks.values()], maxOursSumBytes, samples };
    },
  };
}
