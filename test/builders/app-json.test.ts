import { describe, expect, test } from "bun:test";
import { parseAppJson, stripJsonc } from "../../src/builders/app-json";
import { dokkuErrorOf } from "../harness";

describe("parseAppJson", () => {
  test("keeps the keys dokku acts on and drops the others", () => {
    const text = JSON.stringify({
      name: "ignored",
      env: { A: "b" },
      scripts: { dokku: { predeploy: "make migrate", postdeploy: "make warm" }, postdeploy: "heroku" },
      formation: { web: { quantity: 2, max_parallel: 1 } },
      healthchecks: { web: [{ type: "startup", path: "/health", attempts: 3 }] },
      cron: [{ command: "make report", schedule: "@daily" }],
    });
    expect(parseAppJson(text)).toEqual({
      scripts: { dokku: { predeploy: "make migrate", postdeploy: "make warm" } },
      formation: { web: { quantity: 2, max_parallel: 1 } },
      healthchecks: { web: [{ type: "startup", path: "/health", attempts: 3 }] },
      cron: [{ command: "make report", schedule: "@daily" }],
    });
  });

  test("reads comments and trailing commas as Dokku's hujson does", () => {
    const text =
      '{\n  // scripts\n  "scripts": { "dokku": { "predeploy": "echo // not a comment", /* inline */ }, },\n}\n';
    expect(parseAppJson(text)).toEqual({ scripts: { dokku: { predeploy: "echo // not a comment" } } });
  });

  test("treats a blank file as {}", () => {
    expect(parseAppJson("  \n")).toEqual({});
  });

  test("names the path of a bad value", () => {
    const cases: [unknown, string][] = [
      [[], "app.json: must be a JSON object"],
      [{ scripts: { dokku: { predeploy: 1 } } }, "app.json: scripts.dokku.predeploy must be a string"],
      [{ scripts: { dokku: "x" } }, "app.json: scripts.dokku must be an object"],
      [{ formation: { web: { quantity: -1 } } }, "app.json: formation.web.quantity must be a non-negative integer"],
      [{ formation: { web: 2 } }, "app.json: formation.web must be an object"],
      [{ healthchecks: { web: {} } }, "app.json: healthchecks.web must be an array"],
      [{ healthchecks: { web: [{ path: 5 }] } }, "app.json: healthchecks.web[0].path must be a string"],
      [
        { healthchecks: { web: [{ type: "sometimes" }] } },
        "app.json: healthchecks.web[0].type must be one of startup, liveness, readiness",
      ],
      [
        { healthchecks: { web: [{ command: ["ok", 1] }] } },
        "app.json: healthchecks.web[0].command[1] must be a string",
      ],
      [{ cron: [{ command: "x" }] }, "app.json: cron[0].schedule must be a string"],
    ];
    expect(cases.map(([data]) => dokkuErrorOf(() => parseAppJson(JSON.stringify(data))))).toEqual(
      cases.map(([, message]) => message),
    );
  });

  test("refuses text that is not JSON", () => {
    expect(dokkuErrorOf(() => parseAppJson("{ nope"))).toStartWith("app.json: cannot parse:");
  });
});

describe("stripJsonc", () => {
  test("leaves strings with comment markers and escaped quotes alone", () => {
    expect(stripJsonc('{"a": "x // y /* z */ \\" w", // c\n"b": [1,2,],}')).toBe(
      '{"a": "x // y /* z */ \\" w", \n"b": [1,2]}',
    );
  });
});
