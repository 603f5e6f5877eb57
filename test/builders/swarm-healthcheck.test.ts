import { describe, expect, test } from "bun:test";
import { defaultCheck, type CheckPlan, type PlannedCheck } from "../../src/builders/healthcheck-plan";
import { swarmHealthCheck } from "../../src/builders/swarm-healthcheck";

const S = 1_000_000_000;

const path: PlannedCheck = {
  name: "p",
  type: "startup",
  kind: "path",
  path: "/up",
  scheme: "http",
  port: 5000,
  attempts: 3,
  timeout: 5,
  wait: 2,
  initialDelay: 0,
  uptime: 0,
  warn: false,
};
const command: PlannedCheck = {
  name: "c",
  type: "startup",
  kind: "command",
  command: ["/bin/check", "it's ok"],
  port: 5000,
  attempts: 6,
  timeout: 1,
  wait: 4,
  initialDelay: 7,
  uptime: 0,
  warn: false,
};

function plan(startup: PlannedCheck[], notEnforced: PlannedCheck[] = []): CheckPlan {
  return { processType: "web", source: "app.json", startup, notEnforced, untyped: [] };
}

describe("swarmHealthCheck", () => {
  test("sets no HEALTHCHECK and monitors for default-wait when only the default uptime check applies", () => {
    expect([
      swarmHealthCheck(plan([defaultCheck({ defaultWait: 12, port: 5000 })])),
      swarmHealthCheck(plan([defaultCheck({ defaultWait: 0, port: 5000 })])),
    ]).toEqual([
      { healthCheck: undefined, monitorSeconds: 12, skipped: [] },
      { healthCheck: undefined, monitorSeconds: 5, skipped: [] },
    ]);
  });

  test("fetches the path with wget when there is one path check", () => {
    expect(swarmHealthCheck(plan([path]))).toEqual({
      healthCheck: {
        Test: ["CMD-SHELL", "wget -q -O - 'http://127.0.0.1:5000/up' >/dev/null || exit 1"],
        Interval: 2 * S,
        Timeout: 5 * S,
        Retries: 3,
        StartPeriod: 0,
      },
      monitorSeconds: 5,
      skipped: [],
    });
  });

  test("sends the Host header, skips certificate checks and greps the content when the check asks", () => {
    const check: PlannedCheck = { ...path, scheme: "https", host: "shop.example.com", content: "it's up", port: 8443 };
    expect(swarmHealthCheck(plan([check])).healthCheck?.Test).toEqual([
      "CMD-SHELL",
      "wget -q -O - --no-check-certificate --header 'Host: shop.example.com' 'https://127.0.0.1:8443/up' | grep -qF -- 'it'\\''s up' || exit 1",
    ]);
  });

  test("runs a lone command check as CMD without a shell", () => {
    expect(swarmHealthCheck(plan([command])).healthCheck).toEqual({
      Test: ["CMD", "/bin/check", "it's ok"],
      Interval: 4 * S,
      Timeout: 1 * S,
      Retries: 6,
      StartPeriod: 7 * S,
    });
  });

  test("joins several checks with && and takes the longest timings, liveness and readiness included, when there are several", () => {
    const liveness: PlannedCheck = { ...path, name: "l", type: "liveness", path: "/live", timeout: 9 };
    const uptime: PlannedCheck = { ...defaultCheck({ defaultWait: 0, port: 5000 }), name: "u", uptime: 20 };
    expect(swarmHealthCheck(plan([path, command, uptime], [liveness]))).toEqual({
      healthCheck: {
        Test: [
          "CMD-SHELL",
          "wget -q -O - 'http://127.0.0.1:5000/up' >/dev/null && '/bin/check' 'it'\\''s ok' && wget -q -O - 'http://127.0.0.1:5000/live' >/dev/null || exit 1",
        ],
        Interval: 4 * S,
        Timeout: 9 * S,
        Retries: 6,
        StartPeriod: 7 * S,
      },
      monitorSeconds: 20,
      skipped: [],
    });
  });

  test("leaves warn checks out and names them when a check only warns", () => {
    expect(swarmHealthCheck(plan([{ ...path, warn: true }, command]))).toEqual({
      healthCheck: {
        Test: ["CMD", "/bin/check", "it's ok"],
        Interval: 4 * S,
        Timeout: 1 * S,
        Retries: 6,
        StartPeriod: 7 * S,
      },
      monitorSeconds: 5,
      skipped: ["p"],
    });
  });
});
