import type { HealthConfig } from "dockerode";
import { shellQuote } from "./git-hook";
import type { CheckPlan, PlannedCheck } from "./healthcheck-plan";

/** Nanoseconds in a second: Swarm's durations are integers of nanoseconds. */
export const SECOND_NS = 1_000_000_000;

/** Docker's own update `monitor` when no uptime check asks for longer. */
export const DEFAULT_MONITOR_SECONDS = 5;

export interface SwarmHealth {
  /** The container HEALTHCHECK, undefined when no path or command check applies. */
  readonly healthCheck: HealthConfig | undefined;
  /** How long Swarm watches a new task before counting the update of it done (the longest uptime check). */
  readonly monitorSeconds: number;
  /** Names of `warn` checks: a failure must not block traffic, so they are not in the HEALTHCHECK. */
  readonly skipped: readonly string[];
}

/**
 * The app.json / CHECKS checks of a process type as one container HEALTHCHECK, so Swarm counts
 * a task running (and updates on) only once it is healthy, and replaces a task that turns
 * unhealthy: path and command checks of every type (startup, liveness, readiness) run together;
 * uptime checks become the update `monitor` time. A lone command check runs as CMD (no shell
 * needed in the image); otherwise CMD-SHELL with every word single-quoted: path checks fetch
 * `http://127.0.0.1:<port><path>` with busybox/GNU `wget`, `content` is looked for with grep.
 * Timing takes the longest wait, timeout, attempts and initialDelay of the checks. Pure.
 */
export function swarmHealthCheck(plan: CheckPlan): SwarmHealth {
  const all = [...plan.startup, ...plan.notEnforced];
  const skipped = all.filter((check) => check.warn && check.kind !== "uptime").map((check) => check.name);
  const probes = all.filter((check) => !check.warn && (check.kind === "path" || check.kind === "command"));
  const uptime = Math.max(0, ...plan.startup.filter((check) => check.kind === "uptime").map((check) => check.uptime));
  const monitorSeconds = uptime > 0 ? uptime : DEFAULT_MONITOR_SECONDS;
  if (probes.length === 0) return { healthCheck: undefined, monitorSeconds, skipped };
  const longest = (pick: (check: PlannedCheck) => number) => Math.max(...probes.map(pick));
  const only = probes[0] as PlannedCheck;
  const test =
    probes.length === 1 && only.kind === "command"
      ? ["CMD", ...(only.command ?? [])]
      : ["CMD-SHELL", `${probes.map(probeShell).join(" && ")} || exit 1`];
  const healthCheck: HealthConfig = {
    Test: test,
    Interval: longest((check) => check.wait) * SECOND_NS,
    Timeout: longest((check) => check.timeout) * SECOND_NS,
    Retries: longest((check) => check.attempts),
    StartPeriod: longest((check) => check.initialDelay) * SECOND_NS,
  };
  return { healthCheck, monitorSeconds, skipped };
}

/** One check as a sh command: a path check as wget (and grep for its content), a command check as quoted words. */
function probeShell(check: PlannedCheck): string {
  if (check.kind === "command") return (check.command ?? []).map(shellQuote).join(" ");
  const scheme = check.scheme ?? "http";
  const words = ["wget", "-q", "-O", "-"];
  if (scheme === "https") words.push("--no-check-certificate");
  if (check.host !== undefined) words.push("--header", shellQuote(`Host: ${check.host}`));
  words.push(shellQuote(`${scheme}://127.0.0.1:${check.port}${check.path ?? "/"}`));
  const fetch = words.join(" ");
  return check.content !== undefined ? `${fetch} | grep -qF -- ${shellQuote(check.content)}` : `${fetch} >/dev/null`;
}
