import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { CORE_DATA_DIRS, CORE_PROPERTY_NAMESPACES, reservedAppNameProblem } from "../../src/core/state-names";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";
import { installFixture } from "../wasm/cli-helpers";

const refused = (app: string, why: string) => ({
  stdout: "",
  stderr: ` !     App name ${app} is reserved: ${why}\n`,
  exitCode: 1,
});

describe("app names reserved for the state layout (issue 14)", () => {
  test("every core namespace, data folder, plugins and an installed plugin's name are reserved; others not", () => {
    for (const name of [...CORE_PROPERTY_NAMESPACES, ...CORE_DATA_DIRS, "plugins"])
      expect(reservedAppNameProblem(name, [])).toStartWith(`App name ${name} is reserved: it is the core's `);
    expect(reservedAppNameProblem("notify", ["notify"])).toBe(
      "App name notify is reserved: it is the name of the installed plugin notify",
    );
    expect(["web", "config2", "my-config", "notify"].map((name) => reservedAppNameProblem(name, []))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("apps:create refuses a reserved name and writes nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["apps:create", "config"], { env: roots.env })).toEqual(
      refused("config", "it is the core's property folder config/config"),
    );
    expect(await runDokku(["apps:create", "plugins"], { env: roots.env })).toEqual(
      refused("plugins", "it is the core's folder config/plugins"),
    );
    expect(await runDokku(["apps:create", "builds"], { env: roots.env })).toEqual(
      refused("builds", "it is the core's data folder data/builds"),
    );
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("apps:rename and apps:clone refuse a reserved new name and leave both apps' state alone", async () => {
    using roots = tempRoots();
    expect((await runDokku(["apps:create", "web"], { env: roots.env })).exitCode).toBe(0);
    await runDokku(["config:set", "--no-restart", "web", "A=1"], { env: roots.env });
    await runDokku(["config:set", "--global", "G=1"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["apps:rename", "web", "cron"], { env: roots.env })).toEqual(
      refused("cron", "it is the core's property folder config/cron"),
    );
    expect(await runDokku(["apps:clone", "web", "trace"], { env: roots.env })).toEqual(
      refused("trace", "it is the core's property folder config/trace"),
    );
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("a first git push to a reserved name creates nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const push = await runDokku([], {
      env: { ...roots.env, SSH_ORIGINAL_COMMAND: "git-receive-pack 'storage'", NAME: "alice" },
      stdin: "0000",
    });
    expect(push).toEqual(refused("storage", "it is the core's property folder config/storage"));
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("an installed plugin's name cannot become an app, and plugin:install refuses a plugin named like an app", async () => {
    using roots = tempRoots();
    expect((await installFixture(roots, { name: "hello" })).exitCode).toBe(0);
    expect(await runDokku(["apps:create", "hello"], { env: roots.env })).toEqual(
      refused("hello", "it is the name of the installed plugin hello"),
    );
    mkdirSync(`${roots.env.DOKKU_ROOT}/notify`);
    const install = await installFixture(roots, { name: "notify" });
    expect({ stderr: install.stderr, exitCode: install.exitCode }).toEqual({
      stderr: " !     Plugin name notify is taken by the app notify\n",
      exitCode: 1,
    });
  });
});
