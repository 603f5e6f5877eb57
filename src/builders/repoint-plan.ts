import { appNameProblem } from "../core/validation";
import { LABELS } from "./container-spec";
import { ROUTER_CONTAINER_TYPE } from "./swarm-router";

/**
 * The watcher's decisions as data: which engine events concern which app, and when each app's
 * proxy is re-pointed (one rebuild per app per burst of events, retries with bounded backoff).
 * The watcher (plugins/proxy/watch.ts) only executes them.
 */

/** Container events after which a web container may answer at another address, or not at all. */
export const WATCHED_ACTIONS = ["start", "restart", "die", "health_status"] as const;

/** The engine-side filter of the subscription: containers carrying an app label, those actions. Pure. */
export function watchFilters(): Record<string, string[]> {
  return { type: ["container"], label: [LABELS.app], event: [...WATCHED_ACTIONS] };
}

/** What the plan reads of an event (a slice of the engine's event message). */
export interface ContainerEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly Attributes?: Readonly<Record<string, string>> };
}

/**
 * The app whose proxy the event may have made wrong, or undefined: a container event in
 * WATCHED_ACTIONS (`health_status: healthy` counts as health_status) of a web container of an
 * app (`com.dokku.container-type=deploy`, process type web) or of an app's router; its app
 * label must be a valid app name (whoever ran the container chose the labels). Pure.
 */
export function eventApp(event: ContainerEvent): string | undefined {
  if (event.Type !== "container") return undefined;
  const action = (event.Action ?? "").split(":")[0]?.trim() ?? "";
  if (!(WATCHED_ACTIONS as readonly string[]).includes(action)) return undefined;
  const labels = event.Actor?.Attributes ?? {};
  const app = labels[LABELS.app];
  if (app === undefined || appNameProblem(app) !== undefined) return undefined;
  const type = labels[LABELS.containerType];
  if (type === ROUTER_CONTAINER_TYPE) return app;
  return type === "deploy" && labels[LABELS.processType] === "web" ? app : undefined;
}

export interface RepointTiming {
  /** An app is rebuilt this long after its last event (the rest of a burst comes first). */
  readonly quietMs: number;
  /** ...but never later than this after the burst's first event, however long it lasts. */
  readonly maxDelayMs: number;
  /** The first retry after a failed rebuild, doubling up to maxRetryMs; also how often a held deploy lock is tried again. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
  /** Failed rebuilds of an app in a row before it is left until its next event or full pass. */
  readonly maxFailures: number;
  /** Reconnecting to the engine: the first wait, doubling up to maxReconnectMs. */
  readonly reconnectMs: number;
  readonly maxReconnectMs: number;
}

export const DEFAULT_REPOINT_TIMING: RepointTiming = {
  quietMs: 300,
  maxDelayMs: 3_000,
  retryMs: 1_000,
  maxRetryMs: 30_000,
  maxFailures: 5,
  reconnectMs: 250,
  maxReconnectMs: 5_000,
};

/** An app waiting for its rebuild. */
export interface PendingRepoint {
  /** When the burst began (or the retry was planned), epoch ms. */
  readonly firstAt: number;
  readonly dueAt: number;
  /** Failed rebuilds in a row so far. */
  readonly failures: number;
}

/** Every app waiting for a rebuild; at most one entry per app, so a burst of any size is one rebuild. */
export type RepointPlan = ReadonlyMap<string, PendingRepoint>;

/** An event of `app` at `now`: due `quietMs` after the last event of its burst, capped at `maxDelayMs` after the first. Pure. */
export function noteEvent(plan: RepointPlan, app: string, now: number, timing: RepointTiming): RepointPlan {
  return noteAll(plan, [app], now, timing);
}

/** Events of `apps` at `now` (a full pass: every app): one copy of the plan, whatever their number. Pure. */
export function noteAll(plan: RepointPlan, apps: readonly string[], now: number, timing: RepointTiming): RepointPlan {
  const next = new Map(plan);
  for (const app of apps) {
    const entry = next.get(app);
    if (!entry) next.set(app, { firstAt: now, dueAt: now + timing.quietMs, failures: 0 });
    else
      next.set(app, {
        ...entry,
        dueAt: Math.max(entry.dueAt, Math.min(entry.firstAt + timing.maxDelayMs, now + timing.quietMs)),
      });
  }
  return next;
}

/** The apps due at `now`, earliest first (then by name), taken out of the plan. Pure. */
export function takeDue(
  plan: RepointPlan,
  now: number,
): { due: { app: string; failures: number }[]; plan: RepointPlan } {
  const due = [...plan.entries()]
    .filter(([, entry]) => entry.dueAt <= now)
    .sort(([a, x], [b, y]) => x.dueAt - y.dueAt || a.localeCompare(b));
  const rest = new Map(plan);
  for (const [app] of due) rest.delete(app);
  return { due: due.map(([app, entry]) => ({ app, failures: entry.failures })), plan: rest };
}

/** When the next app falls due, or undefined when none waits. Pure. */
export function nextDueAt(plan: RepointPlan): number | undefined {
  let next: number | undefined;
  for (const entry of plan.values()) if (next === undefined || entry.dueAt < next) next = entry.dueAt;
  return next;
}

/**
 * After a rebuild that did not happen: `busy` (a deploy holds the app's lock: try again every
 * retryMs for as long as it runs) or `failed` (backoff from retryMs doubling to maxRetryMs; after
 * maxFailures in a row the app is dropped, and `gaveUp` says so). An event that came in during
 * the attempt keeps its earlier time. Pure.
 */
export function retryLater(
  plan: RepointPlan,
  app: string,
  now: number,
  why: { readonly kind: "busy" } | { readonly kind: "failed"; readonly failures: number },
  timing: RepointTiming,
): { plan: RepointPlan; gaveUp: boolean } {
  const failures = why.kind === "failed" ? why.failures : 0;
  if (failures > timing.maxFailures) return { plan, gaveUp: true };
  const delay = failures === 0 ? timing.retryMs : Math.min(timing.retryMs * 2 ** (failures - 1), timing.maxRetryMs);
  const next = new Map(plan);
  const waiting = plan.get(app);
  next.set(app, waiting ? { ...waiting, failures } : { firstAt: now + delay, dueAt: now + delay, failures });
  return { plan: next, gaveUp: false };
}

/** How long to wait before the `attempt`th reconnection (0 first): doubling, bounded. Pure. */
export function reconnectDelay(attempt: number, timing: RepointTiming): number {
  return Math.min(timing.reconnectMs * 2 ** Math.min(attempt, 20), timing.maxReconnectMs);
}
