import { describe, expect, test } from "bun:test";
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { BAD_APP_NAMES, homeOf, libOf, snapshotTree } from "../plugins/apps/tree";

/** Creates `app` with a property of another plugin, written directly as a plugin would. */
async function appWithProperty(env: Record<string, string>, app: string): Promise<void> {
  expect((await runDokku(["apps:create", app], { env })).exitCode).toBe(0);
  const dir = join(env.DOKKU_LIB_ROOT as string, "config/someplugin", app);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "x"), "kept");
}

const property = (env: Record<string, string>, plugin: string, app: string, key: string) =>
  join(env.DOKKU_LIB_ROOT as string, "config", plugin, app, key);

describe("apps:rename", () => {
  test("moves the app dir and every plugin's properties to the new name", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "old-app");
    const createdAt = readFileSync(property(roots.env, "apps", "old-app", "created-at"), "utf8");
    const result = await runDokku(["apps:rename", "old-app", "new-app"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Renaming old-app to new-app\n", stderr: "", exitCode: 0 });
    expect(existsSync(join(homeOf(roots.env), "old-app"))).toBe(false);
    expect(existsSync(join(homeOf(roots.env), "new-app"))).toBe(true);
    expect(readFileSync(property(roots.env, "someplugin", "new-app", "x"), "utf8")).toBe("kept");
    expect(existsSync(join(libOf(roots.env), "config/someplugin/old-app"))).toBe(false);
    expect(readFileSync(property(roots.env, "apps", "new-app", "created-at"), "utf8")).toBe(createdAt);
    const list = await runDokku(["apps:list", "--format", "json"], { env: roots.env });
    expect(JSON.parse(list.stdout)).toEqual(["new-app"]);
  });

  test("carries the deploy lock with the app and accepts --skip-deploy", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "locked-app");
    await runDokku(["apps:lock", "locked-app"], { env: roots.env });
    const result = await runDokku(["apps:rename", "--skip-deploy", "locked-app", "moved-app"], { env: roots.env });
    expect(result.exitCode).toBe(0);
    expect(await runDokku(["apps:locked", "moved-app"], { env: roots.env })).toEqual({
      stdout: "Deploy lock exists\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("takes the old app from the global --app flag", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "flagged");
    const result = await runDokku(["--app", "flagged", "apps:rename", "renamed"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Renaming flagged to renamed\n", stderr: "", exitCode: 0 });
  });

  test("refuses to rename onto an existing app and changes nothing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "one");
    await appWithProperty(roots.env, "two");
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:rename", "one", "two"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Name is already taken\n", exitCode: 1 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses bad new names and changes nothing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "source");
    const before = snapshotTree(roots.dir);
    for (const name of BAD_APP_NAMES) {
      const result = await runDokku(["apps:rename", "source", name], { env: roots.env });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^ ! {5}App name must [^\n]*\n$/);
    }
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("asks for the new name when it is missing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "source");
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:rename", "source"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Please specify an new app name\n", exitCode: 1 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("exits 20 when the old app does not exist", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:rename", "ghost", "new"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     App ghost does not exist\n", exitCode: 20 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("apps:clone", () => {
  test("creates the new app with a copy of every plugin's properties", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "original");
    await runDokku(["apps:set", "original", "deploy-source", "git"], { env: roots.env });
    const result = await runDokku(["apps:clone", "original", "copy"], { env: roots.env });
    expect(result).toEqual({
      stdout: "-----> Cloning original to copy\n-----> Creating copy...\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(property(roots.env, "someplugin", "copy", "x"), "utf8")).toBe("kept");
    expect(readFileSync(property(roots.env, "someplugin", "original", "x"), "utf8")).toBe("kept");
    expect(readFileSync(property(roots.env, "apps", "copy", "deploy-source"), "utf8")).toBe("git");
    expect(readFileSync(property(roots.env, "apps", "copy", "created-at"), "utf8")).toMatch(/^\d+\n$/);
    const list = await runDokku(["apps:list", "--format", "json"], { env: roots.env });
    expect(JSON.parse(list.stdout)).toEqual(["copy", "original"]);
  });

  test("does not copy the deploy lock and accepts --skip-deploy", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "original");
    await runDokku(["apps:lock", "original"], { env: roots.env });
    expect((await runDokku(["apps:clone", "--skip-deploy", "original", "copy"], { env: roots.env })).exitCode).toBe(0);
    const locked = await runDokku(["apps:locked", "copy"], { env: roots.env });
    expect(locked).toEqual({ stdout: "", stderr: " !     Deploy lock does not exist\n", exitCode: 1 });
  });

  test("refuses to clone onto an existing app and changes nothing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "original");
    await runDokku(["apps:create", "existing"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:clone", "original", "existing"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Name is already taken\n", exitCode: 1 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("warns and succeeds with --ignore-existing, changing nothing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "original");
    await runDokku(["apps:create", "existing"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:clone", "--ignore-existing", "original", "existing"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     Name is already taken\n", exitCode: 0 });
    expect(existsSync(join(libOf(roots.env), "config/someplugin/existing"))).toBe(false);
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses bad new names and changes nothing", async () => {
    using roots = tempRoots();
    await appWithProperty(roots.env, "original");
    const before = snapshotTree(roots.dir);
    for (const name of BAD_APP_NAMES) {
      const result = await runDokku(["apps:clone", "original", name], { env: roots.env });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^ ! {5}App name must [^\n]*\n$/);
    }
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("exits 20 when the source app does not exist", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:clone", "ghost", "copy"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     App ghost does not exist\n", exitCode: 20 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test.skipIf(process.getuid?.() !== 0)(
    "hands the copied apps data to the owner of the state roots when root clones",
    async () => {
      using roots = tempRoots();
      for (const root of roots.stateRoots) chownSync(root, 65534, 65534);
      await appWithProperty(roots.env, "source-app");
      await runDokku(["apps:lock", "source-app"], { env: roots.env });
      writeFileSync(join(libOf(roots.env), "data/apps/source-app/extra"), "data");
      expect((await runDokku(["apps:clone", "source-app", "copied-app"], { env: roots.env })).exitCode).toBe(0);
      for (const path of [
        "data/apps/copied-app",
        "data/apps/copied-app/extra",
        "config/apps/copied-app",
        "config/someplugin/copied-app/x",
      ]) {
        expect({ path, uid: statSync(join(libOf(roots.env), path)).uid }).toEqual({ path, uid: 65534 });
      }
    },
  );
});
