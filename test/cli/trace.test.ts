import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

/** Dokku's trace switch: `$DOKKU_ROOT/.dokkurc/DOKKU_TRACE`. */
function traceFile(env: Record<string, string>): string {
  return join(env.DOKKU_ROOT as string, ".dokkurc", "DOKKU_TRACE");
}

function legacyProperty(env: Record<string, string>): string {
  return join(env.DOKKU_LIB_ROOT as string, "config", "trace", "--global", "enabled");
}

const TRACED_AUTH = /^\+ trigger user-auth \{.*"command":"events:off".*\}$/m;

describe("dokku trace", () => {
  test("trace:on writes .dokkurc/DOKKU_TRACE as Dokku does and later commands trace their triggers", async () => {
    using roots = tempRoots();
    const quiet = await runDokku(["events:off"], { env: roots.env });
    expect(quiet.stderr).toBe("");
    expect(await runDokku(["trace:on"], { env: roots.env })).toEqual({
      stdout: "-----> Enabling trace mode\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(traceFile(roots.env), "utf8")).toBe("export DOKKU_TRACE=1\n");
    expect(statSync(traceFile(roots.env)).mode & 0o777).toBe(0o644);
    const traced = await runDokku(["events:off"], { env: roots.env });
    expect(traced).toMatchObject({ stdout: "Disabling dokku events logger\n", exitCode: 0 });
    expect(traced.stderr).toMatch(TRACED_AUTH);
  });

  test("trace:off removes the file and stops the tracing", async () => {
    using roots = tempRoots();
    await runDokku(["trace:on"], { env: roots.env });
    const off = await runDokku(["trace:off"], { env: roots.env });
    expect(off.stdout).toBe("-----> Disabling trace mode\n");
    expect(off.exitCode).toBe(0);
    expect(existsSync(traceFile(roots.env))).toBe(false);
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
    expect(existsSync(traceFile(roots.env))).toBe(false);
  });

  test("the file traces as sourcing it would: a hand-written export does, an empty (touched) file does not", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, ".dokkurc"), { recursive: true });
    writeFileSync(traceFile(roots.env), "");
    expect((await runDokku(["events:off"], { env: roots.env })).stderr).toBe("");
    writeFileSync(traceFile(roots.env), "export DOKKU_TRACE='1'\n");
    expect((await runDokku(["events:off"], { env: roots.env })).stderr).toMatch(TRACED_AUTH);
    expect((await runDokku(["trace:off"], { env: roots.env })).exitCode).toBe(0);
    expect(existsSync(traceFile(roots.env))).toBe(false);
  });

  test("the earlier trace/--global/enabled property is moved to the file by the next command", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "trace", "--global"), { recursive: true });
    writeFileSync(legacyProperty(roots.env), "true");
    const traced = await runDokku(["events:off"], { env: roots.env });
    expect(traced.stderr).toMatch(TRACED_AUTH);
    expect(readFileSync(traceFile(roots.env), "utf8")).toBe("export DOKKU_TRACE=1\n");
    expect(existsSync(legacyProperty(roots.env))).toBe(false);
    await runDokku(["trace:off"], { env: roots.env });
    expect((await runDokku(["events:off"], { env: roots.env })).stderr).toBe("");
  });
});
