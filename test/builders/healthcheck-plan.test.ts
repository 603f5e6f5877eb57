import { describe, expect, test } from "bun:test";
import { parseChecksFile } from "../../src/builders/healthcheck-checks-file";
import {
  planChecks,
  validateChecks,
  type CheckPlanInput,
  type PlannedCheck,
} from "../../src/builders/healthcheck-plan";
import { dokkuErrorOf } from "../harness";

const base: CheckPlanInput = { processType: "web", healthchecks: undefined, settings: {}, defaultWait: 10, port: 5000 };

const DEFAULT_CHECK: PlannedCheck = {
  name: "default",
  type: "startup",
  kind: "uptime",
  port: 5000,
  attempts: 1,
  timeout: 0,
  wait: 0,
  initialDelay: 0,
  uptime: 10,
  warn: false,
};

describe("planChecks", () => {
  test("plans the default uptime check of default-wait seconds without healthchecks", () => {
    expect(planChecks({ ...base, processType: "worker", defaultWait: 3 })).toEqual({
      processType: "worker",
      source: "default",
      startup: [{ ...DEFAULT_CHECK, uptime: 3 }],
      notEnforced: [],
      untyped: [],
    });
  });

  test("plans app.json's startup checks with healthchecker defaults, keeping liveness apart and dropping untyped ones", () => {
    const plan = planChecks({
      ...base,
      healthchecks: {
        web: [
          { type: "startup", name: "web check", path: "/health", content: "ok", attempts: 2 },
          {
            type: "startup",
            command: ["/bin/check", "--fast"],
            timeout: 9,
            wait: 1,
            initialDelay: 4,
            port: 8080,
            warn: true,
          },
          { type: "liveness", path: "/live" },
          { path: "/untyped" },
        ],
        worker: [{ type: "startup", uptime: 30 }],
      },
    });
    expect(plan).toEqual({
      processType: "web",
      source: "app.json",
      startup: [
        {
          name: "web check",
          type: "startup",
          kind: "path",
          path: "/health",
          scheme: "http",
          content: "ok",
          port: 5000,
          attempts: 2,
          timeout: 5,
          wait: 5,
          initialDelay: 0,
          uptime: 0,
          warn: false,
        },
        {
          name: "command /bin/check --fast",
          type: "startup",
          kind: "command",
          command: ["/bin/check", "--fast"],
          port: 8080,
          attempts: 3,
          timeout: 9,
          wait: 1,
          initialDelay: 4,
          uptime: 0,
          warn: true,
        },
      ],
      notEnforced: [
        {
          name: "path /live",
          type: "liveness",
          kind: "path",
          path: "/live",
          scheme: "http",
          port: 5000,
          attempts: 3,
          timeout: 5,
          wait: 5,
          initialDelay: 0,
          uptime: 0,
          warn: false,
        },
      ],
      untyped: ["path /untyped"],
    });
  });

  test("fills unset values from checks-set settings, and plans uptime checks of other types", () => {
    const healthchecks = {
      web: [{ type: "startup" as const, path: "/", attempts: 0 }],
      worker: [{ type: "startup" as const, uptime: 30 }],
    };
    const settings = { attempts: 7, timeout: 11, wait: 2 };
    expect([
      planChecks({ ...base, healthchecks, settings }).startup,
      planChecks({ ...base, processType: "worker", healthchecks, settings }).startup,
    ]).toEqual([
      [
        {
          name: "path /",
          type: "startup",
          kind: "path",
          path: "/",
          scheme: "http",
          port: 5000,
          attempts: 7,
          timeout: 11,
          wait: 2,
          initialDelay: 0,
          uptime: 0,
          warn: false,
        },
      ],
      [
        {
          name: "uptime 30",
          type: "startup",
          kind: "uptime",
          port: 5000,
          attempts: 7,
          timeout: 11,
          wait: 2,
          initialDelay: 0,
          uptime: 30,
          warn: false,
        },
      ],
    ]);
  });

  test("falls back to the default check when a type has only liveness or untyped checks", () => {
    const plan = planChecks({ ...base, healthchecks: { web: [{ type: "readiness", path: "/ready" }] } });
    expect({
      source: plan.source,
      startup: plan.startup,
      notEnforced: plan.notEnforced.map((check) => check.name),
    }).toEqual({
      source: "default",
      startup: [DEFAULT_CHECK],
      notEnforced: ["path /ready"],
    });
  });

  test("replaces web's app.json checks with the CHECKS file's, its settings first, then checks-set, then Dokku's 5/30/5", () => {
    const checksFile = parseChecksFile("WAIT=2\n/health ok\n//example.com/\n");
    const healthchecks = { web: [{ type: "startup" as const, path: "/ignored" }] };
    expect(planChecks({ ...base, healthchecks, checksFile, settings: { timeout: 12 }, port: 8000 })).toEqual({
      processType: "web",
      source: "CHECKS",
      startup: [
        {
          name: "check-1",
          type: "startup",
          kind: "path",
          path: "/health",
          scheme: "http",
          content: "ok",
          port: 8000,
          attempts: 5,
          timeout: 12,
          wait: 2,
          initialDelay: 0,
          uptime: 0,
          warn: false,
        },
        {
          name: "check-2",
          type: "startup",
          kind: "path",
          path: "/",
          scheme: "http",
          host: "example.com",
          port: 8000,
          attempts: 5,
          timeout: 12,
          wait: 2,
          initialDelay: 0,
          uptime: 0,
          warn: false,
        },
      ],
      notEnforced: [],
      untyped: [],
    });
  });

  test("uses the CHECKS file for web only, and the default check when it has no paths", () => {
    const checksFile = parseChecksFile("WAIT=2\n");
    expect([
      planChecks({ ...base, checksFile }).source,
      planChecks({
        ...base,
        processType: "worker",
        checksFile,
        healthchecks: { worker: [{ type: "startup", uptime: 1 }] },
      }).source,
    ]).toEqual(["default", "app.json"]);
  });

  test("refuses contradictory checks and bad schemes or paths, naming their path", () => {
    const refused = (check: object) =>
      dokkuErrorOf(() => planChecks({ ...base, healthchecks: { web: [{ type: "startup" }, check] } }));
    expect([
      refused({ type: "startup", path: "/", command: ["true"] }),
      refused({ type: "startup", uptime: 3, command: ["true"] }),
      refused({ type: "startup", path: "/", uptime: 3 }),
      refused({ type: "startup", path: "/", scheme: "ftp" }),
      refused({ type: "startup", path: "health" }),
    ]).toEqual([
      "app.json: healthchecks.web[1] cannot contain both a container 'command' to execute and an http 'path' to check",
      "app.json: healthchecks.web[1] cannot contain both a container 'command' to execute and an 'uptime' seconds value",
      "app.json: healthchecks.web[1] cannot contain both an http 'path' to check and an 'uptime' seconds value",
      "app.json: healthchecks.web[1].scheme must be http or https",
      "app.json: healthchecks.web[1].path must start with /",
    ]);
  });
});

describe("validateChecks", () => {
  test("accepts good checks and refuses a bad CHECKS file or app.json check at release time", () => {
    validateChecks({ healthchecks: { web: [{ type: "startup", path: "/" }] } }, "/ ok\n");
    expect([
      dokkuErrorOf(() => validateChecks({}, "WAIT=x\n")),
      dokkuErrorOf(() =>
        validateChecks({ healthchecks: { worker: [{ type: "startup", path: "/", uptime: 2 }] } }, undefined),
      ),
    ]).toEqual([
      "CHECKS: line 1: WAIT must be a whole number",
      "app.json: healthchecks.worker[0] cannot contain both an http 'path' to check and an 'uptime' seconds value",
    ]);
  });
});
