import { ftruncateSync, writeSync } from "node:fs";
import {
  DEFAULT_REPOINT_TIMING,
  eventApp,
  nextDueAt,
  noteAll,
  reconnectDelay,
  retryLater,
  takeDue,
  watchFilters,
  type RepointPlan,
  type RepointTiming,
} from "../../builders/repoint-plan";
import { appExists } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";
import { followEvents } from "../../executors/docker/events";
import { tryLock } from "../../store/file-lock";
import { allApps } from "../apps/app-list";
import { PROXY_PLUGIN } from "./properties";
import { repointApp, reportRepoint } from "./repoint";

export interface WatchOptions {
  /** A context read afresh for each rebuild: plugins installed and settings changed since the watcher started take part. */
  readonly freshContext: () => Context;
  /** Stops the watcher (the in-flight rebuild finishes first); default: SIGINT, SIGTERM or SIGHUP. */
  readonly signal?: AbortSignal;
  readonly timing?: RepointTiming;
}

/** How long the worker sleeps when nothing is pending (an event wakes it sooner). */
const IDLE_MS = 60_000;
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** One watcher per host: it holds this lock for as long as it runs (a flock: a killed watcher holds nothing). */
export function watchLockPath(ctx: Pick<Context, "paths">): string {
  return `${pluginDataDir(ctx.paths, PROXY_PLUGIN)}/watch.lock`;
}

/**
 * `proxy:watch`: follows the engine's events and re-points an app's proxy (repointApp) when one
 * of its web containers (or its router) starts, restarts, dies or changes health: the engine
 * gives a restarted container a new address, maybe another app's old one. Each connection to
 * the engine (at start, and after it went away and came back: events meanwhile are lost) is
 * followed by a full pass over every app. A burst of events is one rebuild per app, rebuilds run
 * one at a time, an app being deployed is tried again after the deploy. Keeps no state but the
 * lock: killed at any moment, the next one starts with a full pass. A second watcher exits at
 * once, quietly.
 */
export async function watchProxyUpstreams(ctx: Context, options: WatchOptions): Promise<void> {
  using lock = tryLock(watchLockPath(ctx), ctx.owner);
  if (!lock) return;
  ftruncateSync(lock.fd, 0);
  writeSync(lock.fd, `proxy:watch pid=${process.pid} started=${ctx.now().toISOString()}\n`, 0);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (options.signal) options.signal.addEventListener("abort", onSignal, { once: true });
  else for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  try {
    const timing = options.timing ?? DEFAULT_REPOINT_TIMING;
    ctx.out.step(`Watching Docker events for app containers (pid ${process.pid})`);
    const queue = repointQueue(ctx, options.freshContext, stop.signal, timing);
    const working = queue.work();
    await followEngine(ctx, stop.signal, timing, queue.note);
    await working;
  } finally {
    options.signal?.removeEventListener("abort", onSignal);
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/** Follows the engine until `signal`, reconnecting with bounded backoff; every (re)connection notes every app. */
async function followEngine(
  ctx: Context,
  signal: AbortSignal,
  timing: RepointTiming,
  note: (apps: readonly string[]) => void,
): Promise<void> {
  let attempt = 0;
  let lost = false;
  while (!signal.aborted) {
    let reason = "its event stream ended";
    try {
      const docker = await ctx.docker();
      const onOpen = () => {
        attempt = 0;
        lost = false;
        ctx.out.step("Connected to the Docker engine: re-pointing every app");
        note(allApps(ctx));
      };
      await followEvents(docker, { filters: watchFilters(), signal, onOpen }, (event) => {
        const app = eventApp(event);
        if (app !== undefined && appExists(ctx, app)) note([app]);
      });
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (signal.aborted) return;
    if (!lost) ctx.out.warn(`Lost the Docker engine (${reason}); reconnecting`);
    lost = true;
    await sleep(reconnectDelay(attempt++, timing), signal);
  }
}

/** The plan of pending rebuilds and the one worker that executes it, in order, one rebuild at a time. */
function repointQueue(base: Context, freshContext: () => Context, signal: AbortSignal, timing: RepointTiming) {
  let plan: RepointPlan = new Map();
  let wake: (() => void) | undefined;
  const toldBusy = new Set<string>();
  const note = (apps: readonly string[]) => {
    plan = noteAll(plan, apps, Date.now(), timing);
    wake?.();
  };
  const rebuild = async (app: string, failures: number) => {
    try {
      const ctx = freshContext();
      const outcome = await repointApp(ctx, app);
      if (outcome.kind === "busy") {
        if (!toldBusy.has(app)) reportRepoint(ctx, app, outcome);
        toldBusy.add(app);
        plan = retryLater(plan, app, Date.now(), { kind: "busy" }, timing).plan;
        return;
      }
      toldBusy.delete(app);
      reportRepoint(ctx, app, outcome);
    } catch (error) {
      const retry = retryLater(plan, app, Date.now(), { kind: "failed", failures: failures + 1 }, timing);
      plan = retry.plan;
      const message = error instanceof Error ? error.message : String(error);
      base.out.warn(
        `Could not re-point ${app}: ${message}${retry.gaveUp ? "; leaving it until its containers change again" : "; trying again"}`,
      );
    }
  };
  const work = async () => {
    while (!signal.aborted) {
      const taken = takeDue(plan, Date.now());
      plan = taken.plan;
      for (const { app, failures } of taken.due) {
        if (signal.aborted) return;
        await rebuild(app, failures);
      }
      if (taken.due.length > 0) continue;
      const next = nextDueAt(plan);
      await waitForWork(next === undefined ? IDLE_MS : Math.max(0, next - Date.now()));
    }
  };
  /** Until `ms` pass, an app is noted or the watcher stops. */
  const waitForWork = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
      signal.addEventListener("abort", done, { once: true });
    });
  return { note, work };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
