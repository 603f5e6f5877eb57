import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

const prop = (env: Record<string, string>, scope: string, key: string) =>
  join(env.DOKKU_LIB_ROOT as string, "config/git", scope, key);
const KEYS = "archive-max-files, archive-max-size, deploy-branch, keep-git-dir, rev-env-var, source-image";

describe("git:set", () => {
  test("sets and clears an app's deploy-branch, shown by git:report", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["git:set", "app1", "deploy-branch", "main"], { env: roots.env })).toEqual({
      stdout: "=====> Setting deploy-branch to main\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(prop(roots.env, "app1", "deploy-branch"), "utf8")).toBe("main");
    expect(await runDokku(["git:report", "app1", "--git-computed-deploy-branch"], { env: roots.env })).toEqual({
      stdout: "main\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["git:set", "app1", "deploy-branch"], { env: roots.env })).toEqual({
      stdout: "=====> Unsetting deploy-branch\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(prop(roots.env, "app1", "deploy-branch"))).toBe(false);
    expect(await runDokku(["git:report", "app1", "--git-computed-deploy-branch"], { env: roots.env })).toEqual({
      stdout: "master\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("falls back to the global deploy-branch", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect((await runDokku(["git:set", "--global", "deploy-branch", "trunk"], { env: roots.env })).exitCode).toBe(0);
    expect(await runDokku(["git:report", "app1", "--git-computed-deploy-branch"], { env: roots.env })).toEqual({
      stdout: "trunk\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["git:report", "--global", "--git-global-deploy-branch"], { env: roots.env })).toEqual({
      stdout: "trunk\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("keeps an empty rev-env-var, which turns GIT_REV off", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["git:report", "app1", "--git-rev-env-var"], { env: roots.env })).toEqual({
      stdout: "GIT_REV\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["git:set", "app1", "rev-env-var"], { env: roots.env })).toEqual({
      stdout: "=====> Unsetting rev-env-var\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(prop(roots.env, "app1", "rev-env-var"), "utf8")).toBe("");
    expect(await runDokku(["git:report", "app1", "--git-rev-env-var"], { env: roots.env })).toEqual({
      stdout: "\n",
      stderr: "",
      exitCode: 0,
    });
  });

  const refusals: [string, string[], string, number][] = [
    ["an unknown key", ["app1", "colour", "red"], `Invalid key specified, valid keys include: ${KEYS}`, 1],
    ["no key", ["app1"], "No key specified", 1],
    ["a missing app", ["nope", "deploy-branch", "main"], "App nope does not exist", 20],
    [
      "a bad app name",
      ["Bad;App", "deploy-branch", "main"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
      1,
    ],
    [
      "an invalid branch name",
      ["app1", "deploy-branch", "a..b"],
      "Invalid deploy-branch value specified: a..b is not a valid git branch name",
      1,
    ],
    [
      "a non-boolean keep-git-dir",
      ["app1", "keep-git-dir", "yes"],
      "Invalid keep-git-dir value specified, must be true or false",
      1,
    ],
    [
      "a non-numeric archive limit",
      ["app1", "archive-max-size", "5GB"],
      "Invalid archive-max-size value specified, must be a positive integer",
      1,
    ],
  ];
  for (const [what, args, message, exitCode] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = tempRoots();
      await runDokku(["apps:create", "app1"], { env: roots.env });
      const before = snapshotTree(roots.dir);
      expect(await runDokku(["git:set", ...args], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }
});

describe("git:report", () => {
  test("prints Dokku's flags for an app and for --global", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const report = await runDokku(["git:report", "app1", "--format", "json"], { env: roots.env });
    expect(report).toMatchObject({ stderr: "", exitCode: 0 });
    expect(Object.keys(JSON.parse(report.stdout)).filter((key) => !key.startsWith("git-"))).toEqual([
      "computed-archive-max-files",
      "computed-archive-max-size",
      "computed-deploy-branch",
      "computed-keep-git-dir",
      "deploy-branch",
      "global-archive-max-files",
      "global-archive-max-size",
      "global-deploy-branch",
      "global-keep-git-dir",
      "keep-git-dir",
      "last-updated-at",
      "rev-env-var",
      "sha",
      "source-image",
    ]);
    const global = await runDokku(["git:report", "--global"], { env: roots.env });
    expect(global.stdout.split("\n")[0]).toBe("=====> --global git information");
    expect(global.stdout).toContain("       Git computed archive max size:  1073741824\n");
    expect(global.stdout).not.toContain("Git sha");
  });

  test("refuses a missing app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["git:report", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});
