import { describe, expect, test } from "bun:test";
import { decideSafeMode, isLocalRoot, type SafeModeRequest } from "../../src/core/safe-mode";
import { dokkuErrorOf } from "../harness";

const LOCAL_ROOT: SafeModeRequest = { flag: false, env: undefined, isRoot: true, overSsh: false };

describe("decideSafeMode", () => {
  test("is off unless asked for", () => {
    for (const env of [undefined, "", "0"]) expect(decideSafeMode({ ...LOCAL_ROOT, env })).toEqual({ on: false });
  });

  test("is on for root at its own shell, by flag or by DOKKU_SAFE_MODE=1", () => {
    expect(decideSafeMode({ ...LOCAL_ROOT, flag: true })).toEqual({ on: true });
    expect(decideSafeMode({ ...LOCAL_ROOT, env: "1" })).toEqual({ on: true });
    expect(decideSafeMode({ ...LOCAL_ROOT, flag: true, env: "0" })).toEqual({ on: true });
  });

  test("refuses --safe-mode over ssh, even when sshd runs us as root, and from a user other than root", () => {
    expect(dokkuErrorOf(() => decideSafeMode({ ...LOCAL_ROOT, flag: true, overSsh: true }))).toBe(
      "--safe-mode cannot be used over ssh: safe mode is for root on the server itself",
    );
    expect(dokkuErrorOf(() => decideSafeMode({ ...LOCAL_ROOT, flag: true, overSsh: true, isRoot: false }))).toBe(
      "--safe-mode cannot be used over ssh: safe mode is for root on the server itself",
    );
    expect(dokkuErrorOf(() => decideSafeMode({ ...LOCAL_ROOT, flag: true, isRoot: false }))).toBe(
      "--safe-mode must be run as root",
    );
  });

  test("ignores DOKKU_SAFE_MODE over ssh and from a user other than root, with a warning", () => {
    expect(decideSafeMode({ ...LOCAL_ROOT, env: "1", overSsh: true })).toEqual({
      on: false,
      warning: "DOKKU_SAFE_MODE is ignored over ssh: safe mode is for root on the server itself",
    });
    expect(decideSafeMode({ ...LOCAL_ROOT, env: "1", isRoot: false })).toEqual({
      on: false,
      warning: "DOKKU_SAFE_MODE is ignored: safe mode is for root",
    });
  });

  test("ignores any other DOKKU_SAFE_MODE value, shown bounded and printable", () => {
    expect(decideSafeMode({ ...LOCAL_ROOT, env: "yes" })).toEqual({
      on: false,
      warning: "DOKKU_SAFE_MODE=yes is ignored: set it to 1 for safe mode",
    });
    expect(decideSafeMode({ ...LOCAL_ROOT, env: `\u001b[2J${"x".repeat(40)}` }).warning).toBe(
      `DOKKU_SAFE_MODE=?[2J${"x".repeat(28)}... is ignored: set it to 1 for safe mode`,
    );
  });
});

describe("isLocalRoot", () => {
  test("is root without SSH_ORIGINAL_COMMAND", () => {
    expect(isLocalRoot({ isRoot: true, env: {} })).toBe(true);
    expect(isLocalRoot({ isRoot: true, env: { SSH_ORIGINAL_COMMAND: "plugin:disable x" } })).toBe(false);
    expect(isLocalRoot({ isRoot: false, env: {} })).toBe(false);
  });
});
