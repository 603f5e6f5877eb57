import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { APP_MISSING_EXIT, appExists, verifyApp } from "../../src/core/app-guard";
import { type DokkuError, fail, isDokkuError } from "../../src/core/errors";
import { pathsFromEnv } from "../../src/core/paths";
import { appNameProblem, assertValidAppName } from "../../src/core/validation";
import { tempRoots } from "../harness";

function thrown(fn: () => unknown): DokkuError {
  try {
    fn();
  } catch (error) {
    if (isDokkuError(error)) return error;
    throw error;
  }
  throw new Error("expected a DokkuError");
}

const APP_NAME_RULE =
  "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens";

describe("validation", () => {
  test.each(["web", "a", "0app", "my-app.v2", "a".repeat(63)])("accepts the app name %p", (name) => {
    expect(appNameProblem(name)).toBeUndefined();
    expect(assertValidAppName(name)).toBe(name);
  });

  test.each([
    ["", "Please specify an app to run the command on"],
    ["Web", APP_NAME_RULE],
    ["-web", APP_NAME_RULE],
    [".web", APP_NAME_RULE],
    ["we_b", APP_NAME_RULE],
    ["we/b", APP_NAME_RULE],
    ["--global", APP_NAME_RULE],
    ["a..b", "App name must not contain consecutive dots"],
    ["a".repeat(64), "App name must be at most 63 characters long"],
  ])("refuses the app name %p", (name, message) => {
    expect(appNameProblem(name)).toBe(message);
    expect(thrown(() => assertValidAppName(name))).toMatchObject({ message, code: "invalid-app-name", exitCode: 1 });
  });

  test("refuses a missing app name", () => {
    expect(thrown(() => assertValidAppName(undefined)).message).toBe("Please specify an app to run the command on");
  });
});

describe("app-guard", () => {
  test("verifyApp returns the name of an app whose directory exists", () => {
    using roots = tempRoots();
    const ctx = { paths: pathsFromEnv(roots.env) };
    mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
    expect(appExists(ctx, "web")).toBe(true);
    expect(verifyApp(ctx, "web")).toBe("web");
  });

  test("verifyApp refuses a missing app with exit 20 and a bad name with exit 1", () => {
    using roots = tempRoots();
    const ctx = { paths: pathsFromEnv(roots.env) };
    expect(appExists(ctx, "web")).toBe(false);
    expect(thrown(() => verifyApp(ctx, "web"))).toMatchObject({
      message: "App web does not exist",
      exitCode: APP_MISSING_EXIT,
    });
    expect(APP_MISSING_EXIT).toBe(20);
    expect(thrown(() => verifyApp(ctx, "Web"))).toMatchObject({ message: APP_NAME_RULE, exitCode: 1 });
  });
});

describe("errors", () => {
  test("fail throws a DokkuError with a code and an exit status", () => {
    expect(thrown(() => fail("nope"))).toMatchObject({
      message: "nope",
      code: "failed",
      exitCode: 1,
      name: "DokkuError",
    });
    expect(thrown(() => fail("gone", "app-missing", 20))).toMatchObject({ code: "app-missing", exitCode: 20 });
    expect(isDokkuError(new Error("plain"))).toBe(false);
  });
});

describe("paths", () => {
  test("come from the environment with Dokku's defaults", () => {
    expect(pathsFromEnv({})).toEqual({
      dokkuRoot: "/home/dokku",
      libRoot: "/var/lib/dokku",
      logsDir: "/var/log/dokku",
    });
    expect(pathsFromEnv({ DOKKU_ROOT: "/r", DOKKU_LIB_ROOT: "/l", DOKKU_LOGS_DIR: "/g" })).toEqual({
      dokkuRoot: "/r",
      libRoot: "/l",
      logsDir: "/g",
    });
  });
});
