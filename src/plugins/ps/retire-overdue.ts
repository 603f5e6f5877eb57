import type { Context } from "../../core/context";
import { inspectOrUndefined } from "../../executors/docker/containers";
import { readRetireQueue, type RetireEntry } from "../scheduler/shared/retire-queue";

/**
 * How long past its retire time a queued old container may still be there before the reports
 * call retirement overdue. `ps:retire` runs every minute (install.sh's timer), so a container
 * waits up to a minute past its time plus the run itself; two minutes keep a report made
 * between two runs from raising an alarm.
 */
export const RETIRE_OVERDUE_SLACK_MS = 2 * 60_000;

/** The queued entries (of `app`, else every app) more than `slackMs` past their retire time at `now`. Pure. */
export function overdueEntries(
  entries: readonly RetireEntry[],
  now: number,
  app?: string,
  slackMs = RETIRE_OVERDUE_SLACK_MS,
): RetireEntry[] {
  return entries.filter((entry) => (app === undefined || entry.app === app) && now - entry.retireAt > slackMs);
}

/** The `--ps-retire-overdue` value: `false`, or how many and how late, with the likely cause. Pure. */
export function retireOverdueValue(overdue: readonly RetireEntry[], now: number): string {
  if (overdue.length === 0) return "false";
  const late = lateness(overdue, now);
  const count = overdue.length === 1 ? "1 container" : `${overdue.length} containers`;
  return `${count} (${overdue.length === 1 ? "" : "oldest "}${late} past its time; is the ps:retire timer running?)`;
}

/** The one warning ps:report prints when containers are overdue. Pure. */
export function retireOverdueWarning(overdue: readonly RetireEntry[], now: number): string {
  const count = overdue.length === 1 ? "1 old container is" : `${overdue.length} old containers are`;
  return `${count} still there past the retire time (${overdue.length === 1 ? "" : "oldest "}${lateness(overdue, now)}): is the ps:retire timer running? (install.sh sets it up: cron, or systemd's dokku-retire.timer)`;
}

/**
 * The queued old containers (of `app`, else of every app) overdue at `ctx.now()` that are still
 * there; an entry whose container is gone is the next ps:retire's to drop, not a late one.
 * Docker is asked only when some entry is overdue; if it cannot answer, the entry counts.
 */
export async function overdueRetirements(ctx: Context, app?: string): Promise<RetireEntry[]> {
  const overdue = overdueEntries(readRetireQueue(ctx), ctx.now().getTime(), app);
  if (overdue.length === 0) return [];
  const docker = await ctx.docker();
  const present = await Promise.all(
    overdue.map((entry) =>
      inspectOrUndefined(docker, entry.id).then(
        (info) => info !== undefined,
        () => true,
      ),
    ),
  );
  return overdue.filter((_, at) => present[at]);
}

/** `12 minutes`, `3 hours`, `2 days`: how long past its retire time the oldest entry is. Pure. */
function lateness(overdue: readonly RetireEntry[], now: number): string {
  const minutes = Math.floor((now - Math.min(...overdue.map((entry) => entry.retireAt))) / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} hours`;
  return `${Math.floor(minutes / (24 * 60))} days`;
}
