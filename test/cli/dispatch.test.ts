import { describe, expect, test } from "bun:test";
import { dokkuCommand } from "../../src/cli/define-command";
import { withAppFlag } from "../../src/cli/dispatch";

const byApp = dokkuCommand({
  name: "apps:lock",
  description: "Locks an app",
  args: { app: { type: "positional", required: false } },
  run() {},
});
const byOldApp = dokkuCommand({
  name: "apps:rename",
  description: "Rename an app",
  args: { "old-app": { type: "positional", required: false }, "new-app": { type: "positional", required: false } },
  run() {},
});
const byKey = dokkuCommand({
  name: "config:get",
  description: "Get a config var",
  args: { key: { type: "positional", required: false } },
  run() {},
});
const noArgs = dokkuCommand({ name: "apps:list", description: "List your apps", run() {} });

describe("withAppFlag", () => {
  test("leaves the args alone without --app", () => {
    expect(withAppFlag(byApp, ["web"], undefined)).toEqual(["web"]);
  });

  test("puts the app first for a command whose first positional is app or old-app", () => {
    expect(withAppFlag(byApp, ["--force"], "web")).toEqual(["web", "--force"]);
    expect(withAppFlag(byOldApp, ["site"], "web")).toEqual(["web", "site"]);
  });

  test("ignores --app for a command that takes no app", () => {
    expect(withAppFlag(byKey, ["KEY"], "web")).toEqual(["KEY"]);
    expect(withAppFlag(noArgs, [], "web")).toEqual([]);
  });

  test("returns a copy, never the caller's array", () => {
    const args = ["web"];
    expect(withAppFlag(byApp, args, undefined)).not.toBe(args);
  });
});
