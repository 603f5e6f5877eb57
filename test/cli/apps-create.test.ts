import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { BAD_APP_NAMES, homeOf, libOf, snapshotTree } from "../plugins/apps/tree";

const NAME_RULE =
  " !     App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens\n";

describe("apps:create", () => {
  test("creates the app dir, its created-at property and its data dir", async () => {
    using roots = tempRoots();
    const before = Math.floor(Date.now() / 1000);
    const result = await runDokku(["apps:create", "node-js-app"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Creating node-js-app...\n", stderr: "", exitCode: 0 });
    expect(statSync(join(homeOf(roots.env), "node-js-app")).isDirectory()).toBe(true);
    const createdAt = readFileSync(join(libOf(roots.env), "config/apps/node-js-app/created-at"), "utf8");
    expect(createdAt).toMatch(/^\d+\n$/);
    expect(Number(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Number(createdAt)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(existsSync(join(libOf(roots.env), "data/apps/node-js-app"))).toBe(true);
  });

  test("is silent with --quiet", async () => {
    using roots = tempRoots();
    const result = await runDokku(["--quiet", "apps:create", "quiet-app"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(existsSync(join(homeOf(roots.env), "quiet-app"))).toBe(true);
  });

  test("refuses a name that is already taken and changes nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "taken"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:create", "taken"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Name is already taken\n", exitCode: 1 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("lets exactly one of two simultaneous creates of one name succeed", async () => {
    using roots = tempRoots();
    const results = await Promise.all([1, 2].map(() => runDokku(["apps:create", "racy"], { env: roots.env })));
    expect(results.map((result) => result.exitCode).sort()).toEqual([0, 1]);
    expect(results.map((result) => result.stderr).sort()).toEqual(["", " !     Name is already taken\n"]);
  });

  for (const name of BAD_APP_NAMES) {
    test(`refuses the bad name ${JSON.stringify(name.slice(0, 12))} and creates nothing`, async () => {
      using roots = tempRoots();
      const before = snapshotTree(roots.dir);
      const result = await runDokku(["apps:create", name], { env: roots.env });
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^ ! {5}App name must [^\n]*\n$/);
      expect(result.exitCode).toBe(1);
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }

  test("refuses a name that starts with a dash (read as a flag) and creates nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:create", "-leading"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Please specify an app to run the command on\n", exitCode: 1 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses upper case with Dokku's wording", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:create", "MyApp"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: NAME_RULE, exitCode: 1 });
  });

  test("refuses an empty or missing name and creates nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    for (const args of [["apps:create", ""], ["apps:create"]]) {
      const result = await runDokku(args, { env: roots.env });
      expect(result).toEqual({
        stdout: "",
        stderr: " !     Please specify an app to run the command on\n",
        exitCode: 1,
      });
    }
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("apps:exists", () => {
  test("exits 0 silently when the app exists", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "here"], { env: roots.env });
    expect(await runDokku(["apps:exists", "here"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 0,
    });
  });

  test("exits 20 with Dokku's message when the app does not exist", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:exists", "missing"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     App missing does not exist\n", exitCode: 20 });
  });

  test("refuses an invalid name with exit 1", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:exists", "Bad_Name"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: NAME_RULE, exitCode: 1 });
  });
});
