/**
 * CPU time spent by an nginx's worker processes (Linux: /proc/<pid>/schedstat, in ns), so the
 * bench can say what each request costs nginx itself, a figure other work on the machine does
 * not move as it moves throughput.
 */
import { existsSync, readFileSync } from "node:fs";

/** The children of `pid` (its workers, for an nginx master); [] when /proc does not say. */
function childrenOf(pid: number): number[] {
  const path = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Nanoseconds on a CPU so far of the workers of the nginx master `masterPid`; undefined without /proc. */
export function workerCpuNs(masterPid: number): number | undefined {
  const workers = childrenOf(masterPid);
  if (workers.length === 0) return undefined;
  let total = 0;
  for (const pid of workers) {
    try {
      total += Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      return undefined;
    }
  }
  return total;
}
