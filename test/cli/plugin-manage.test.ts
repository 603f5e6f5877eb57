import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { filesUnder, installFixture, wasmRoot } from "../wasm/cli-helpers";
import { writePlugin, type FixtureSpec } from "../wasm/plugin-fixture";

const MAINTENANCE: FixtureSpec = {
  name: "maintenance",
  triggers: [{ name: "nginx-snippet" }],
  commands: [
    { name: "maintenance:on", usage: "<app>", app: true },
    { name: "maintenance:off", usage: "<app>", app: true },
  ],
  permissions: { nginx: true, store: true },
};
const NOTIFY: FixtureSpec = {
  name: "notify",
  triggers: [{ name: "post-deploy" }, { name: "deploy-failed" }],
  permissions: { net: true },
};

function index(env: Record<string, string>) {
  return JSON.parse(readFileSync(join(wasmRoot(env), "index.json"), "utf8"));
}

async function installBoth(roots: ReturnType<typeof tempRoots>) {
  expect((await installFixture(roots, NOTIFY, ["--allow-net=hooks.example.com"])).exitCode).toBe(0);
  expect((await installFixture(roots, MAINTENANCE, ["--allow-nginx", "--allow-store"])).exitCode).toBe(0);
}

describe("plugin:list", () => {
  test("warns when no plugin is installed, and gives only the core plugins as json", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:list"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     No WASM plugins installed\n",
      exitCode: 0,
    });
    const json = await runDokku(["plugin:list", "--format", "json"], { env: roots.env });
    expect(json).toMatchObject({ stderr: "", exitCode: 0 });
    expect((JSON.parse(json.stdout) as { core: boolean }[]).filter((plugin) => !plugin.core)).toEqual([]);
  });

  test("lists plugins sorted by name with version, state, triggers, commands and granted permissions", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    expect(await runDokku(["plugin:list"], { env: roots.env })).toEqual({
      stdout: [
        "  plugin       version  enabled  triggers                   commands                        permissions",
        "  maintenance  1.0.0    enabled  nginx-snippet              maintenance:on,maintenance:off  nginx, store",
        "  notify       1.0.0    enabled  post-deploy,deploy-failed  -                               net (hooks.example.com)",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });

  test("gives the same as json", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    const result = await runDokku(["plugin:list", "--format", "json"], { env: roots.env });
    const list = JSON.parse(result.stdout).filter((item: { core: boolean }) => !item.core);
    expect(
      list.map((item: { name: string; enabled: boolean; triggers: string[]; commands: string[] }) => [
        item.name,
        item.enabled,
        item.triggers,
        item.commands,
      ]),
    ).toEqual([
      ["maintenance", true, ["nginx-snippet"], ["maintenance:on", "maintenance:off"]],
      ["notify", true, ["post-deploy", "deploy-failed"], []],
    ]);
    expect(list[1].grants).toEqual({
      net: ["hooks.example.com"],
      config: false,
      store: false,
      nginx: false,
      dockerArgs: false,
    });
    expect(list[1].permissions).toEqual({ net: true, config: false, store: false, nginx: false, dockerArgs: false });
  });

  test("refuses an unknown format", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:list", "--format", "yaml"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid output format specified: yaml; supported formats: stdout, json\n",
      exitCode: 1,
    });
  });
});

describe("plugin:report", () => {
  test("reports one plugin, one flag of it, or it as json", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    const report = await runDokku(["plugin:report", "notify"], { env: roots.env });
    expect(report.stdout.split("\n").slice(0, 4)).toEqual([
      "=====> notify plugin information",
      "       Plugin commands:               ",
      "       Plugin description:            A test plugin",
      `       Plugin dir:                    ${join(wasmRoot(roots.env), "notify")}`,
    ]);
    expect(report.stdout).toContain("       Plugin granted:                net (hooks.example.com)\n");
    expect(report.stdout).toContain("       Plugin permissions:            net (hosts granted at install)\n");
    expect(report.stdout).toContain("       Plugin triggers:               post-deploy@1 deploy-failed@1\n");
    expect(await runDokku(["plugin:report", "notify", "--plugin-version"], { env: roots.env })).toEqual({
      stdout: "1.0.0\n",
      stderr: "",
      exitCode: 0,
    });
    const json = JSON.parse(
      (await runDokku(["plugin:report", "maintenance", "--format", "json"], { env: roots.env })).stdout,
    );
    expect(json).toMatchObject({
      enabled: "true",
      version: "1.0.0",
      commands: "maintenance:on maintenance:off",
      granted: "nginx, store",
      "timeout-ms": "5000",
    });
  });

  test("reports every plugin without a name", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    const result = await runDokku(["plugin:report"], { env: roots.env });
    expect(result.stdout.split("\n").filter((line) => line.startsWith("=====>"))).toEqual([
      "=====> maintenance plugin information",
      "=====> notify plugin information",
    ]);
  });

  test("refuses a plugin that is not installed, and an unknown flag", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    expect(await runDokku(["plugin:report", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Plugin nope is not installed\n",
      exitCode: 1,
    });
    const bad = await runDokku(["plugin:report", "notify", "--plugin-nope"], { env: roots.env });
    expect(bad.stderr).toStartWith(" !     Invalid flag passed, valid flags: --plugin-commands, ");
    expect(bad.exitCode).toBe(1);
  });
});

describe("plugin:enable and plugin:disable", () => {
  test("disable keeps the plugin installed but takes its commands away; enable brings them back", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    expect(await runDokku(["plugin:disable", "maintenance"], { env: roots.env })).toEqual({
      stdout: "-----> Plugin maintenance disabled\n",
      stderr: "",
      exitCode: 0,
    });
    expect(index(roots.env).plugins.map((plugin: { enabled: boolean }) => plugin.enabled)).toEqual([false, true]);
    expect((await runDokku(["help"], { env: roots.env })).stdout).not.toContain("maintenance");
    expect(await runDokku(["maintenance:on", "app"], { env: roots.env })).toMatchObject({ stdout: "", exitCode: 1 });
    expect(await runDokku(["plugin:disable", "maintenance"], { env: roots.env })).toEqual({
      stdout: "-----> Plugin maintenance is already disabled\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["plugin:enable", "maintenance"], { env: roots.env })).toEqual({
      stdout: "-----> Plugin maintenance enabled\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await runDokku(["help"], { env: roots.env })).stdout).toContain("    maintenance ");
  });

  test("refuse a missing name or a plugin that is not installed, writing nothing", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:enable"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Please specify a plugin name\n",
      exitCode: 1,
    });
    expect(await runDokku(["plugin:disable", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Plugin ghost is not installed\n",
      exitCode: 1,
    });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });
});

describe("plugin:uninstall", () => {
  function writeProperty(env: Record<string, string>, plugin: string) {
    const dir = join(env.DOKKU_LIB_ROOT as string, "config", "plugins", plugin, "web");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "enabled"), "true");
    return dir;
  }

  test("removes the plugin's dir and index entry, keeping its properties", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    const props = writeProperty(roots.env, "maintenance");
    expect(await runDokku(["plugin:uninstall", "maintenance"], { env: roots.env })).toEqual({
      stdout: "-----> Uninstalling plugin maintenance 1.0.0\n-----> Plugin maintenance uninstalled\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(join(wasmRoot(roots.env), "maintenance"))).toBe(false);
    expect(index(roots.env).plugins.map((plugin: { manifest: { name: string } }) => plugin.manifest.name)).toEqual([
      "notify",
    ]);
    expect(existsSync(props)).toBe(true);
  });

  test("--purge also removes its properties, and those it kept where plugins kept them before issue 12", async () => {
    using roots = tempRoots();
    await installBoth(roots);
    const props = writeProperty(roots.env, "maintenance");
    const legacy = join(roots.env.DOKKU_LIB_ROOT as string, "config", "maintenance");
    mkdirSync(join(legacy, "api"), { recursive: true });
    writeFileSync(join(legacy, "api", "enabled"), "true");
    const result = await runDokku(["plugin:uninstall", "maintenance", "--purge"], { env: roots.env });
    expect(result.stdout).toContain("       removed its properties (config/plugins/maintenance)\n");
    expect({
      props: existsSync(props),
      dir: existsSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "maintenance")),
      legacy: existsSync(legacy),
    }).toEqual({
      props: false,
      dir: false,
      legacy: false,
    });
  });

  test("refuses a plugin that is not installed", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:uninstall", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Plugin ghost is not installed\n",
      exitCode: 1,
    });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });
});

describe("plugin:update", () => {
  test("updates from the recorded source, keeping grants and the disabled state", async () => {
    using roots = tempRoots();
    const first = await installFixture(roots, NOTIFY, ["--allow-net=hooks.example.com"]);
    await runDokku(["plugin:disable", "notify"], { env: roots.env });
    writePlugin(first.source, { ...NOTIFY, version: "1.1.0" });
    const result = await runDokku(["plugin:update", "notify"], { env: roots.env });
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe("-----> Updating plugin notify 1.1.0");
    expect(result.stdout).toEndWith(
      "       granted: net (hooks.example.com)\n-----> Plugin notify updated from 1.0.0 to 1.1.0\n",
    );
    const [plugin] = index(roots.env).plugins;
    expect([plugin.manifest.version, plugin.enabled, plugin.grants.net]).toEqual([
      "1.1.0",
      false,
      ["hooks.example.com"],
    ]);
  });

  test("refuses a new version asking for more than was granted, unless a flag grants it", async () => {
    using roots = tempRoots();
    const first = await installFixture(roots, NOTIFY, ["--allow-net=hooks.example.com"]);
    const next = writePlugin(join(roots.dir, "next"), {
      ...NOTIFY,
      version: "2.0.0",
      permissions: { net: true, config: true },
    });
    const before = readFileSync(join(wasmRoot(roots.env), "index.json"), "utf8");
    const refused = await runDokku(["plugin:update", "notify", next], { env: roots.env });
    expect(refused.stderr).toBe(
      " !     Plugin notify asks for permissions not granted: add --allow-config (or --allow-all)\n",
    );
    expect(refused.exitCode).toBe(1);
    expect(readFileSync(join(wasmRoot(roots.env), "index.json"), "utf8")).toBe(before);
    const granted = await runDokku(["plugin:update", "notify", next, "--allow-config"], { env: roots.env });
    expect(granted).toMatchObject({ stderr: "", exitCode: 0 });
    expect(index(roots.env).plugins[0].grants).toEqual({
      net: ["hooks.example.com"],
      config: true,
      store: false,
      nginx: false,
      dockerArgs: false,
    });
    expect(index(roots.env).plugins[0].source).toBe(next);
    expect(first.source).not.toBe(next);
  });

  test("refuses another plugin's source, and a plugin that is not installed", async () => {
    using roots = tempRoots();
    await installFixture(roots, NOTIFY, ["--allow-net=hooks.example.com"]);
    const other = writePlugin(join(roots.dir, "other"), { name: "other" });
    expect(await runDokku(["plugin:update", "notify", other], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     ${other} holds plugin other, not notify\n`,
      exitCode: 1,
    });
    expect(await runDokku(["plugin:update", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Specified plugin not enabled or installed: ghost\n",
      exitCode: 1,
    });
  });

  test("refuses, as Dokku words it, a name that is no plugin name and a core plugin", async () => {
    using roots = tempRoots();
    expect(
      await runDokku(["plugin:update", "https://github.com/dokku/smoke-test-plugin.git"], { env: roots.env }),
    ).toEqual({
      stdout: "",
      stderr: " !     Invalid plugin name specified\n",
      exitCode: 1,
    });
    expect(await runDokku(["plugin:update", "apps"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Cannot trigger plugin:update against core plugin, please update Dokku instead\n",
      exitCode: 1,
    });
  });
});
