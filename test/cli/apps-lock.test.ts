import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

const lockMarker = (env: Record<string, string>, app: string) =>
  join(env.DOKKU_LIB_ROOT as string, "data/apps", app, ".deploy.lock");

describe("apps:lock, apps:locked, apps:unlock", () => {
  test("creates, reports and removes the deploy lock marker", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:lock", "app1"], { env: roots.env })).toEqual({
      stdout: "-----> Deploy lock created\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(lockMarker(roots.env, "app1"))).toBe(true);
    expect(await runDokku(["apps:locked", "app1"], { env: roots.env })).toEqual({
      stdout: "Deploy lock exists\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["apps:unlock", "app1"], { env: roots.env })).toEqual({
      stdout: "-----> Deploy lock removed\n",
      stderr: " !     A deploy may be in progress.\n !     Removing the app lock will not stop in progress deploys.\n",
      exitCode: 0,
    });
    expect(existsSync(lockMarker(roots.env, "app1"))).toBe(false);
  });

  test("takes the app from the global --app flag", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const result = await runDokku(["--app", "app1", "apps:lock"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Deploy lock created\n", stderr: "", exitCode: 0 });
    expect(existsSync(lockMarker(roots.env, "app1"))).toBe(true);
  });

  test("apps:locked fails when there is no lock", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:locked", "app1"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Deploy lock does not exist\n",
      exitCode: 1,
    });
  });

  test("apps:unlock fails when there is no lock, as in Dokku", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:unlock", "app1"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Unable to remove deploy lock\n",
      exitCode: 1,
    });
  });

  test("exits 20 for a missing app and writes nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    for (const command of ["apps:lock", "apps:locked", "apps:unlock"]) {
      expect(await runDokku([command, "ghost"], { env: roots.env })).toEqual({
        stdout: "",
        stderr: " !     App ghost does not exist\n",
        exitCode: 20,
      });
    }
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses a bad name and writes nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:lock", "../etc"], { env: roots.env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ ! {5}App name must [^\n]*\n$/);
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});
