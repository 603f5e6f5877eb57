/**
 * Figures and the table of bench/scheduler.ts: deploy times of the docker-local and swarm
 * schedulers by web count and phase, and the swarm/docker-local ratio of each row. Pure.
 */
import { median, rotation } from "./turns";

export const SCHEDULER_NAMES = ["docker-local", "swarm"] as const;
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

export type Phase = "first deploy" | "redeploy" | "scale";
export const PHASES: readonly Phase[] = ["first deploy", "redeploy", "scale"];

/** One timed scheduler call. */
export interface Sample {
  readonly scheduler: SchedulerName;
  readonly web: number;
  readonly phase: Phase;
  readonly ms: number;
}

export interface Row {
  readonly scheduler: SchedulerName;
  readonly web: number;
  readonly phase: Phase;
  readonly samples: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** swarm's median over docker-local's for the same web count and phase; undefined on docker-local rows or without both. */
  readonly ratio: number | undefined;
}

/** The schedulers' order in round `round` (0-based): alternated, so drift in the engine's speed hits both alike. */
export function schedulerOrder(round: number): SchedulerName[] {
  return rotation(SCHEDULER_NAMES.length, round).map((at) => SCHEDULER_NAMES[at] as SchedulerName);
}

/** What a phase does at web count `web`, as the table labels it. */
export function phaseLabel(phase: Phase, web: number): string {
  if (phase === "first deploy") return `first deploy (release 1, web=${web})`;
  if (phase === "redeploy") return `redeploy (release 2, web=${web})`;
  return `scale web=${web} -> ${scaledWeb(web)} (release 2)`;
}

/** The web count the scale phase goes to: one more. */
export function scaledWeb(web: number): number {
  return web + 1;
}

/** A row per scheduler, web count and phase that has samples, ordered by web count, phase, then docker-local before swarm. */
export function summarize(samples: readonly Sample[]): Row[] {
  const webs = [...new Set(samples.map((sample) => sample.web))].sort((a, b) => a - b);
  const of = (scheduler: SchedulerName, web: number, phase: Phase) =>
    samples
      .filter((sample) => sample.scheduler === scheduler && sample.web === web && sample.phase === phase)
      .map((sample) => sample.ms);
  const rows: Row[] = [];
  for (const web of webs) {
    for (const phase of PHASES) {
      const local = of("docker-local", web, phase);
      for (const scheduler of SCHEDULER_NAMES) {
        const values = of(scheduler, web, phase);
        if (values.length === 0) continue;
        const medianMs = median(values);
        const ratio = scheduler === "swarm" && local.length > 0 ? medianMs / median(local) : undefined;
        rows.push({
          scheduler,
          web,
          phase,
          samples: values.length,
          medianMs,
          minMs: Math.min(...values),
          maxMs: Math.max(...values),
          ratio,
        });
      }
    }
  }
  return rows;
}

export function formatSeconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "-";
}

/** The table: scheduler, web, phase, samples, median, min, max, swarm/docker-local; columns padded. */
export function renderTable(rows: readonly Row[]): string {
  const lines: string[][] = [["scheduler", "web", "phase", "samples", "median", "min", "max", "swarm/docker-local"]];
  for (const row of rows) {
    lines.push([
      row.scheduler,
      String(row.web),
      phaseLabel(row.phase, row.web),
      String(row.samples),
      formatSeconds(row.medianMs),
      formatSeconds(row.minMs),
      formatSeconds(row.maxMs),
      row.ratio === undefined ? "-" : `${row.ratio.toFixed(2)}x`,
    ]);
  }
  const widths = (lines[0] as string[]).map((_, column) =>
    Math.max(...lines.map((line) => (line[column] ?? "").length)),
  );
  return lines
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** An integer option from 1 to `max`; throws naming the flag otherwise. */
export function positiveInt(value: string | undefined, flag: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
    throw new Error(`${flag} must be an integer from 1 to ${max}, got ${value}`);
  return parsed;
}
