/** plugin:* as Dokku's own tests (tests/unit/plugin.bats) call them: help, installed, list --format, install's refusals. */
import { describe, expect, test } from "bun:test";
import { runDokku, tempRoots } from "../harness";
import { filesUnder, installFixture, wasmRoot } from "../wasm/cli-helpers";

describe("plugin commands as Dokku's tests call them", () => {
  test("bare `dokku plugin` prints plugin:help, which says Manage installed plugins", async () => {
    using roots = tempRoots();
    const help = await runDokku(["plugin:help"], { env: roots.env });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toStartWith("Usage: dokku plugin[:COMMAND]\n\nManage installed plugins\n");
    expect(help.stdout).toContain("    plugin:installed <name> ");
    expect(await runDokku(["plugin"], { env: roots.env })).toEqual(help);
  });

  test("plugin:installed: success for a core plugin and an installed (even disabled) WASM plugin, failure otherwise", async () => {
    using roots = tempRoots();
    const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
    expect(await dokku("plugin:installed", "apps")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await dokku("plugin:installed", "hello")).toEqual({
      stdout: "",
      stderr: " !     Plugin hello is not installed\n",
      exitCode: 1,
    });
    expect((await installFixture(roots, { name: "hello" })).exitCode).toBe(0);
    expect((await dokku("plugin:installed", "hello")).exitCode).toBe(0);
    expect((await dokku("plugin:disable", "hello")).exitCode).toBe(0);
    expect((await dokku("plugin:installed", "hello")).exitCode).toBe(0);
    expect(await dokku("plugin:installed")).toEqual({
      stdout: "",
      stderr: " !     Please specify a plugin name\n",
      exitCode: 1,
    });
  });

  test("plugin:list --format json lists core plugins; an unknown format is refused", async () => {
    using roots = tempRoots();
    const listed = await runDokku(["plugin:list", "--format", "json"], { env: roots.env });
    const apps = (JSON.parse(listed.stdout) as Record<string, unknown>[]).find((plugin) => plugin.name === "apps");
    expect(apps).toMatchObject({ core: true, enabled: true, source_url: "" });
    expect(await runDokku(["plugin:list", "--format", "nonsense"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid output format specified: nonsense; supported formats: stdout, json\n",
      exitCode: 1,
    });
  });

  test.each([
    [["YABBA_DABBA_DOO", "XXXX", "YYYY"], "Unexpected argument XXXX"],
    [["ZXZX", "--random-flag"], "Unknown flag --random-flag"],
    [["/path/to/nonexistent/dir"], "Plugin source /path/to/nonexistent/dir does not exist"],
    [
      ["ftp://example.com/plugin.tar.gz"],
      "Unsupported plugin source ftp://example.com/plugin.tar.gz: use a path or an http(s) URL",
    ],
  ])(
    "plugin:install %p: the reason, then Dokku's 'Please retry with valid arguments'; nothing written",
    async (args, reason) => {
      using roots = tempRoots();
      expect(await runDokku(["plugin:install", ...args], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     ${reason}\n !     Please retry with valid arguments\n`,
        exitCode: 1,
      });
      expect(filesUnder(wasmRoot(roots.env)).filter((path) => path !== ".lock")).toEqual([]);
    },
  );
});
