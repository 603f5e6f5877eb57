import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { installFixture } from "../wasm/cli-helpers";
import type { FixtureSpec } from "../wasm/plugin-fixture";
import { buildModule, INFINITE_LOOP, UNREACHABLE } from "../wasm/wasm-builder";

const HELLO: FixtureSpec = {
  name: "hello",
  description: "Says hello",
  commands: [
    { name: "hello:world", help: "Print nothing, successfully" },
    { name: "hello:app", help: "Act on an app", usage: "<app>", app: true },
  ],
};

function mkApp(env: Record<string, string>, app: string): void {
  mkdirSync(join(env.DOKKU_ROOT as string, app), { recursive: true });
}

describe("plugin commands in dispatch and help", () => {
  test("dokku help lists an enabled plugin's namespace; <ns>:help its commands", async () => {
    using roots = tempRoots();
    expect((await installFixture(roots, HELLO)).exitCode).toBe(0);
    const help = await runDokku(["help"], { env: roots.env });
    expect(help.stdout).toMatch(/\n {4}hello +Says hello\n/);
    expect(help.stdout).toMatch(/\n {4}plugin +Manage installed plugins\n/);
    const all = await runDokku(["help", "--all"], { env: roots.env });
    expect(all.stdout).toContain("    hello:app <app>");
    expect(await runDokku(["hello:help"], { env: roots.env })).toEqual({
      stdout: [
        "Usage: dokku hello[:COMMAND]",
        "",
        "Says hello",
        "",
        "Additional commands:",
        "    hello:app <app>  Act on an app",
        "    hello:world      Print nothing, successfully",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["hello:app", "--help"], { env: roots.env })).toEqual({
      stdout: "Usage: dokku hello:app <app>\n\nAct on an app\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("an unknown command of a plugin namespace is not a dokku command", async () => {
    using roots = tempRoots();
    await installFixture(roots, HELLO);
    expect(await runDokku(["hello:nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr:
        " !     `hello:nope` is not a dokku command.\n !     See `dokku help` for a list of available commands.\n",
      exitCode: 1,
    });
  });

  test("a command on an app refuses a missing or unknown app before any plugin code runs", async () => {
    using roots = tempRoots();
    await installFixture(roots, HELLO);
    expect(await runDokku(["hello:app"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Please specify an app to run the command on\n",
      exitCode: 1,
    });
    expect(await runDokku(["hello:app", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App ghost does not exist\n",
      exitCode: 20,
    });
  });

  test("a plugin can never shadow a core command: install refuses core names", async () => {
    using roots = tempRoots();
    const result = await installFixture(roots, { name: "config", commands: [{ name: "config:set" }] });
    expect(result).toMatchObject({
      stdout: "",
      stderr: " !     Plugin name config is taken by the core config commands\n",
      exitCode: 1,
    });
  });
});

describe("plugin commands through the sandbox", () => {
  test("runs a command export and exits 0", async () => {
    using roots = tempRoots();
    await installFixture(roots, HELLO);
    mkApp(roots.env, "web");
    expect(await runDokku(["hello:world"], { env: roots.env })).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await runDokku(["hello:app", "web", "extra"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 0,
    });
  });

  test("a trapping command fails with one line naming the plugin and the command", async () => {
    using roots = tempRoots();
    await installFixture(roots, {
      name: "hello",
      commands: [{ name: "hello:crash" }],
      module: buildModule({ functions: [{ export: "cmd_hello_crash", body: UNREACHABLE }] }),
    });
    const result = await runDokku(["hello:crash"], { env: roots.env });
    expect(result.stderr).toMatch(/^ ! {5}plugin hello failed on hello:crash: .+\n$/);
    expect(result.exitCode).toBe(1);
  });

  test("a looping command is killed at its deadline and fails cleanly", async () => {
    using roots = tempRoots();
    await installFixture(roots, {
      name: "hello",
      commands: [{ name: "hello:spin" }],
      limits: { "timeout-ms": 300 },
      module: buildModule({ functions: [{ export: "cmd_hello_spin", body: INFINITE_LOOP }] }),
    });
    const started = performance.now();
    const result = await runDokku(["hello:spin"], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr: " !     plugin hello failed on hello:spin: timed out after 300 ms\n",
      exitCode: 1,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
