import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

function tracePath(env: Record<string, string>): string {
  return join(env.DOKKU_LIB_ROOT as string, "config", "trace", "--global", "enabled");
}

describe("dokku trace", () => {
  test("trace:on stores the global property and later commands trace their triggers", async () => {
    using roots = tempRoots();
    const quiet = await runDokku(["events:off"], { env: roots.env });
    expect(quiet.stderr).toBe("");
    expect(await runDokku(["trace:on"], { env: roots.env })).toEqual({
      stdout: "-----> Enabling trace mode\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(tracePath(roots.env), "utf8")).toBe("true");
    expect(statSync(tracePath(roots.env)).mode & 0o777).toBe(0o600);
    const traced = await runDokku(["events:off"], { env: roots.env });
    expect(traced).toMatchObject({ stdout: "Disabling dokku events logger\n", exitCode: 0 });
    expect(traced.stderr).toMatch(/^\+ trigger user-auth \{.*"command":"events:off".*\}$/m);
  });

  test("trace:off removes the property and stops the tracing", async () => {
    using roots = tempRoots();
    await runDokku(["trace:on"], { env: roots.env });
    const off = await runDokku(["trace:off"], { env: roots.env });
    expect(off.stdout).toBe("-----> Disabling trace mode\n");
    expect(off.exitCode).toBe(0);
    expect(existsSync(tracePath(roots.env))).toBe(false);
    expect(await runDokku(["events:off"], { env: roots.env })).toEqual({
      stdout: "Disabling dokku events logger\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("trace:off when already off succeeds and writes nothing", async () => {
    using roots = tempRoots();
    expect(await runDokku(["trace:off"], { env: roots.env })).toEqual({
      stdout: "-----> Disabling trace mode\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(tracePath(roots.env))).toBe(false);
  });
});
