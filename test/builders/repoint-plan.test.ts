import { describe, expect, test } from "bun:test";
import {
  DEFAULT_REPOINT_TIMING,
  eventApp,
  nextDueAt,
  noteAll,
  noteEvent,
  reconnectDelay,
  retryLater,
  takeDue,
  watchFilters,
  type RepointPlan,
  type RepointTiming,
} from "../../src/builders/repoint-plan";

const TIMING: RepointTiming = {
  quietMs: 300,
  maxDelayMs: 3_000,
  retryMs: 1_000,
  maxRetryMs: 8_000,
  maxFailures: 3,
  reconnectMs: 250,
  maxReconnectMs: 5_000,
};

const webLabels = (app: string) => ({
  "com.dokku.app-name": app,
  "com.dokku.container-type": "deploy",
  "com.dokku.process-type": "web",
  name: `${app}.web.1`,
});
const event = (Action: string, Attributes: Record<string, string>, Type = "container") => ({
  Type,
  Action,
  Actor: { ID: "abc", Attributes },
});

describe("eventApp", () => {
  test("names the app of a web container or router that started, restarted, died or changed health", () => {
    expect([
      eventApp(event("start", webLabels("shop"))),
      eventApp(event("restart", webLabels("shop"))),
      eventApp(event("die", webLabels("shop"))),
      eventApp(event("health_status: healthy", webLabels("shop"))),
      eventApp(event("start", { "com.dokku.app-name": "shop", "com.dokku.container-type": "router" })),
    ]).toEqual(["shop", "shop", "shop", "shop", "shop"]);
  });

  test("ignores other actions, other object types, other containers of the app and labels no app could have", () => {
    expect([
      eventApp(event("create", webLabels("shop"))),
      eventApp(event("exec_start: sh", webLabels("shop"))),
      eventApp(event("start", webLabels("shop"), "network")),
      eventApp(event("start", { ...webLabels("shop"), "com.dokku.process-type": "worker" })),
      eventApp(event("start", { "com.dokku.app-name": "shop", "com.dokku.container-type": "run" })),
      eventApp(event("start", webLabels("../../etc"))),
      eventApp(event("start", webLabels("--global"))),
      eventApp(event("start", webLabels("x".repeat(64)))),
      eventApp(event("start", { name: "not-ours" })),
      eventApp({}),
    ]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("the engine is asked for those events of labelled containers only", () => {
    expect(watchFilters()).toEqual({
      type: ["container"],
      label: ["com.dokku.app-name"],
      event: ["start", "restart", "die", "health_status"],
    });
  });
});

describe("the repoint plan", () => {
  test("a burst of events of one app is one rebuild, quietMs after its last event", () => {
    let plan: RepointPlan = new Map();
    for (const at of [0, 100, 200, 250]) plan = noteEvent(plan, "shop", at, TIMING);
    expect([...plan]).toEqual([["shop", { firstAt: 0, dueAt: 550, failures: 0 }]]);
    expect(takeDue(plan, 549).due).toEqual([]);
    expect(takeDue(plan, 550)).toEqual({ due: [{ app: "shop", failures: 0 }], plan: new Map() });
  });

  test("a burst that never pauses is still rebuilt maxDelayMs after its first event", () => {
    let plan: RepointPlan = new Map();
    for (let at = 0; at <= 10_000; at += 100) plan = noteEvent(plan, "shop", at, TIMING);
    expect(plan.get("shop")).toEqual({ firstAt: 0, dueAt: 3_000, failures: 0 });
  });

  test("a full pass notes every app once; apps fall due earliest first, then by name, and leave the plan", () => {
    let plan = noteEvent(new Map(), "zeta", 0, TIMING);
    plan = noteAll(plan, ["beta", "alpha", "zeta"], 100, TIMING);
    expect(nextDueAt(plan)).toBe(400);
    const taken = takeDue(plan, 1_000);
    expect(taken).toEqual({
      due: [
        { app: "alpha", failures: 0 },
        { app: "beta", failures: 0 },
        { app: "zeta", failures: 0 },
      ],
      plan: new Map(),
    });
    expect(nextDueAt(taken.plan)).toBeUndefined();
  });

  test("an app being deployed is tried again every retryMs for as long as it takes", () => {
    let plan: RepointPlan = noteEvent(new Map(), "shop", 0, TIMING);
    const attempts: number[] = [];
    for (let now = 0; now <= 50_000; now += 100) {
      const taken = takeDue(plan, now);
      plan = taken.plan;
      for (const { app } of taken.due) {
        attempts.push(now);
        plan = retryLater(plan, app, now, { kind: "busy" }, TIMING).plan;
      }
    }
    expect(attempts).toEqual([300, ...Array.from({ length: 49 }, (_, at) => 1_300 + at * 1_000)]);
  });

  test("failed rebuilds back off, doubling up to maxRetryMs, and after maxFailures in a row the app is left alone", () => {
    const empty: RepointPlan = new Map();
    expect(
      [1, 2, 3].map(
        (failures) => retryLater(empty, "shop", 0, { kind: "failed", failures }, TIMING).plan.get("shop")?.dueAt,
      ),
    ).toEqual([1_000, 2_000, 4_000]);
    const capped = { ...TIMING, maxFailures: 10 };
    expect(retryLater(empty, "shop", 0, { kind: "failed", failures: 9 }, capped).plan.get("shop")?.dueAt).toBe(8_000);
    expect(retryLater(empty, "shop", 0, { kind: "failed", failures: 4 }, TIMING)).toEqual({
      plan: empty,
      gaveUp: true,
    });
  });

  test("an event during a failed attempt keeps its earlier time, and the count of failures", () => {
    const pending = noteEvent(new Map(), "shop", 10_000, TIMING);
    expect(retryLater(pending, "shop", 10_050, { kind: "failed", failures: 2 }, TIMING).plan.get("shop")).toEqual({
      firstAt: 10_000,
      dueAt: 10_300,
      failures: 2,
    });
  });

  test("reconnecting waits longer each time, never longer than maxReconnectMs", () => {
    expect([0, 1, 2, 3, 4, 5, 100].map((attempt) => reconnectDelay(attempt, DEFAULT_REPOINT_TIMING))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});
