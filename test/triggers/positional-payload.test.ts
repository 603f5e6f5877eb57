import { describe, expect, test } from "bun:test";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import type { TriggerDeclaration } from "../../sdk/triggers/define";
import { positionalPayload, positionalUsage } from "../../src/triggers/positional-payload";
import { positionalLines } from "../../src/triggers/fire-trigger";
import { dokkuErrorOf } from "../harness";

const declaration = (name: keyof typeof ALL_TRIGGERS) => ALL_TRIGGERS[name] as TriggerDeclaration;

describe("positionalPayload (issue 14)", () => {
  test("every declared positional field is a payload field, and only the last may take the rest", () => {
    for (const [name, trigger] of Object.entries(ALL_TRIGGERS) as [string, TriggerDeclaration][]) {
      const fields = Object.keys((trigger.payload as { properties?: object }).properties ?? {});
      const positional = trigger.positional ?? [];
      expect({ name, unknown: positional.filter((field) => !fields.includes(field.replace(/^\.\.\./, ""))) }).toEqual({
        name,
        unknown: [],
      });
      expect(positional.slice(0, -1).some((field) => field.startsWith("..."))).toBe(false);
    }
  });

  test("builds Dokku's argument order into the typed payload", () => {
    expect([
      positionalPayload(declaration("builder-detect"), ["web", "/tmp/src"]),
      positionalPayload(declaration("builder-detect"), ["web"]),
      positionalPayload(declaration("post-app-rename"), ["old", "new"]),
      positionalPayload(declaration("pre-deploy"), ["web", "dokku/web:1", "3"]),
      positionalPayload(declaration("post-config-update"), ["--global", "set", "A", "B"]),
      positionalPayload(declaration("post-config-update"), ["web", "unset", "A", "false"]),
      positionalPayload(declaration("user-auth"), ["dokku", "admin", "apps:list", "--quiet"]),
      positionalPayload(declaration("app-list"), []),
      positionalPayload(declaration("proxy-is-enabled"), ["web"]),
    ]).toEqual([
      { app: "web", sourceDir: "/tmp/src" },
      { app: "web", sourceDir: null },
      { oldApp: "old", newApp: "new", skipDeploy: false },
      { app: "web", image: "dokku/web:1", releaseId: 3 },
      { scope: { kind: "global" }, action: "set", keys: ["A", "B"], restart: false },
      { scope: { kind: "app", app: "web" }, action: "unset", keys: ["A", "false"], restart: false },
      { sshUser: "dokku", user: "admin", command: "apps:list", args: ["--quiet"], app: null },
      {},
      { app: "web" },
    ]);
  });

  test("refuses in one line what it cannot build, naming the usage and the bound", () => {
    expect([
      dokkuErrorOf(() => positionalPayload(declaration("builder-detect"), ["web", "/src", "extra"])),
      dokkuErrorOf(() => positionalPayload(declaration("post-create"), [])),
      dokkuErrorOf(() => positionalPayload(declaration("pre-deploy"), ["web", "img", "three"])),
      dokkuErrorOf(() => positionalPayload(declaration("post-app-rename"), ["a", "b", "yes"])),
      dokkuErrorOf(() => positionalPayload(declaration("proxy-switch"), ["web"])),
      dokkuErrorOf(() => positionalPayload(declaration("post-create"), ["x".repeat(4097)])),
      dokkuErrorOf(() => positionalPayload(declaration("user-auth"), Array(257).fill("a"))),
    ]).toEqual([
      "builder-detect takes 2 argument(s), got 3: usage: builder-detect <app> <source-dir>",
      "post-create: missing <app>: usage: post-create <app>",
      "pre-deploy: releaseId must be a whole number, got 'three'",
      "post-app-rename: skipDeploy must be true or false, got 'yes'",
      "proxy-switch takes a JSON payload only: dokku plugin:trigger proxy-switch '<json-payload>'",
      "post-create: an argument is 4097 characters; the limit is 4096",
      "user-auth: at most 256 arguments are accepted, got 257",
    ]);
  });

  test("writes the usage line Dokku's docs give", () => {
    expect([positionalUsage(declaration("user-auth")), positionalUsage(declaration("app-list"))]).toEqual([
      "user-auth <ssh-user> <user> <command> [<args>...]",
      "app-list",
    ]);
  });
});

describe("positionalLines (issue 14)", () => {
  test("prints a result as Dokku's triggers print theirs, stripped of control characters", () => {
    expect([
      positionalLines("builder-detect", "first", "pack"),
      positionalLines("builder-detect", "first", undefined),
      positionalLines("app-list", "collect", ["a", "b\u001b[2J"]),
      positionalLines("report", "collect", [{ namespace: "x", entries: [] }]),
      positionalLines("post-create", "notify", { failures: [] }),
      positionalLines("user-auth", "veto", { allowed: true }),
    ]).toEqual([["pack"], [], ["a", "b"], ['{"namespace":"x","entries":[]}'], [], []]);
  });

  test("fails on a failed notify handler or a refusal, naming the handler", () => {
    expect([
      dokkuErrorOf(() =>
        positionalLines("post-create", "notify", { failures: [{ source: "plugin x", message: "boom" }] }),
      ),
      dokkuErrorOf(() =>
        positionalLines("user-auth", "veto", { allowed: false, source: "plugin x", reason: "not you" }),
      ),
    ]).toEqual(["post-create failed in plugin x", "plugin x refused user-auth: not you"]);
  });
});
