import { describe, expect, test } from "bun:test";
import type { PlannedCheck } from "../../../src/builders/healthcheck-plan";
import {
  checkSettings,
  checksDisabled,
  checksSkipped,
  defaultWait,
  waitToRetire,
} from "../../../src/plugins/checks/properties";
import { checksReport } from "../../../src/plugins/checks/report";
import { describeCheck } from "../../../src/plugins/checks/run-checks";
import { checksValueProblem } from "../../../src/plugins/checks/set";
import { parseProcessTypes } from "../../../src/plugins/checks/toggle";
import { GLOBAL } from "../../../src/store/property-store";
import { dokkuErrorOf, tempRoots } from "../../harness";
import { testContext } from "../apps/context";

const CHECK: PlannedCheck = {
  name: "web check",
  type: "startup",
  kind: "path",
  path: "/health",
  port: 5000,
  attempts: 3,
  timeout: 5,
  wait: 5,
  initialDelay: 2,
  uptime: 0,
  warn: false,
};

describe("checks properties", () => {
  test("computes wait-to-retire and default-wait from the app, then global, then Dokku's 60 and 10", () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const before = [waitToRetire(ctx, "shop"), defaultWait(ctx, "shop")];
    ctx.store.set("checks", GLOBAL, "wait-to-retire", "20");
    ctx.store.set("checks", GLOBAL, "default-wait", "3");
    const global = [waitToRetire(ctx, "shop"), defaultWait(ctx, "shop")];
    ctx.store.set("checks", "shop", "wait-to-retire", "0");
    ctx.store.set("checks", "shop", "attempts", "4");
    ctx.store.set("checks", GLOBAL, "timeout", "9");
    expect({ before, global, own: waitToRetire(ctx, "shop"), settings: checkSettings(ctx, "shop") }).toEqual({
      before: [60, 10],
      global: [20, 3],
      own: 0,
      settings: { attempts: 4, timeout: 9 },
    });
  });

  test("tells disabled and skipped types from the lists, _all_ meaning every type", () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    ctx.store.set("checks", "shop", "disabled", "web,clock");
    ctx.store.set("checks", "shop", "skipped", "_all_");
    expect([
      checksDisabled(ctx, "shop", "web"),
      checksDisabled(ctx, "shop", "worker"),
      checksSkipped(ctx, "shop", "worker"),
    ]).toEqual([true, false, true]);
  });

  test("reports none for empty lists and the computed wait-to-retire", () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    ctx.store.set("checks", "shop", "disabled", "worker");
    expect(checksReport(ctx, "shop")).toEqual({
      type: "checks",
      target: "shop",
      legacyKeys: false,
      entries: {
        "--checks-disabled-list": "worker",
        "--checks-skipped-list": "none",
        "--checks-computed-wait-to-retire": "60",
        "--checks-global-wait-to-retire": "",
        "--checks-wait-to-retire": "",
      },
    });
  });
});

describe("checks helpers", () => {
  test("describes each kind of check in the healthchecker's words", () => {
    expect([
      describeCheck(CHECK),
      describeCheck({ ...CHECK, kind: "command", command: ["check", "-q"] }),
      describeCheck({ ...CHECK, kind: "uptime", uptime: 10 }),
    ]).toEqual([
      "Running healthcheck name='web check' delay=2 path='/health' retries=2 timeout=5 type='path'",
      "Running healthcheck name='web check' attempts=3 command='check -q' timeout=5 type='command' wait=5",
      "Running healthcheck name='web check' type='uptime' uptime=10",
    ]);
  });

  test("reads process type lists and refuses bad names", () => {
    expect([parseProcessTypes(undefined), parseProcessTypes("_all_"), parseProcessTypes("web,worker,web")]).toEqual([
      undefined,
      undefined,
      ["web", "worker"],
    ]);
    expect([dokkuErrorOf(() => parseProcessTypes("web,")), dokkuErrorOf(() => parseProcessTypes("we b"))]).toEqual([
      'Invalid process type specified: ""',
      'Invalid process type specified: "we b"',
    ]);
  });

  test("accepts whole numbers of seconds, and attempts from 1", () => {
    expect([
      checksValueProblem("wait-to-retire", "0"),
      checksValueProblem("attempts", "1"),
      checksValueProblem("timeout", "2.5"),
      checksValueProblem("attempts", "0"),
    ]).toEqual([
      undefined,
      undefined,
      "Invalid timeout value specified: must be a whole number of seconds",
      "Invalid attempts value specified: must be 1 or more",
    ]);
  });
});
