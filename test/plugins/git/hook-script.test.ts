import { describe, expect, test } from "bun:test";
import { preReceiveHook, shellQuote } from "../../../src/builders/git-hook";
import { appFromRepoArg } from "../../../src/plugins/git/transport";

describe("shellQuote", () => {
  test("single-quotes words, quotes inside included", () => {
    expect([shellQuote("plain"), shellQuote("it's"), shellQuote("$(x) `y`")]).toEqual([
      "'plain'",
      "'it'\\''s'",
      "'$(x) `y`'",
    ]);
  });
});

describe("preReceiveHook", () => {
  test("execs the executable's git-hook with the app and pinned roots, all quoted", () => {
    expect(
      preReceiveHook({
        executablePath: "/usr/bin/dokku",
        app: "my-app",
        env: { DOKKU_ROOT: "/home/dokku", DOKKU_LIB_ROOT: "/var/lib/dokku" },
      }),
    ).toBe(
      [
        "#!/bin/sh",
        "# Written by dokku: runs the deploy of every push. Do not edit.",
        "set -e",
        "unset SSH_ORIGINAL_COMMAND",
        "DOKKU_LIB_ROOT='/var/lib/dokku'",
        "export DOKKU_LIB_ROOT",
        "DOKKU_ROOT='/home/dokku'",
        "export DOKKU_ROOT",
        "exec '/usr/bin/dokku' git-hook \"my-app\"",
        "",
      ].join("\n"),
    );
  });

  test("quotes a root with quotes and dollars so the shell never expands it", () => {
    const script = preReceiveHook({
      executablePath: "/opt/it's/dokku",
      app: "a",
      env: { DOKKU_ROOT: "/tmp/$(touch x)'" },
    });
    expect(script).toContain("DOKKU_ROOT='/tmp/$(touch x)'\\'''");
    expect(script).toContain("exec '/opt/it'\\''s/dokku' git-hook \"a\"");
  });

  test("refuses an invalid app name, a bad variable name and a multi-line executable path", () => {
    expect(() => preReceiveHook({ executablePath: "/d", app: "a;b", env: {} })).toThrow(
      "refusing to write a pre-receive hook for 'a;b'",
    );
    expect(() => preReceiveHook({ executablePath: "/d", app: "a", env: { "X;Y": "1" } })).toThrow(
      "bad variable name 'X;Y'",
    );
    expect(() => preReceiveHook({ executablePath: "/d\nrm -rf /", app: "a", env: {} })).toThrow("spans lines");
  });
});

describe("appFromRepoArg", () => {
  test("drops the leading slash of dokku@host:/app and keeps the rest as it is", () => {
    expect([
      appFromRepoArg("app"),
      appFromRepoArg("/app"),
      appFromRepoArg("app.git"),
      appFromRepoArg(undefined),
    ]).toEqual(["app", "app", "app.git", ""]);
  });
});
