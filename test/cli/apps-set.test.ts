import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

const prop = (env: Record<string, string>, scope: string, key: string) =>
  join(env.DOKKU_LIB_ROOT as string, "config/apps", scope, key);
const VALID = "deploy-source, deploy-source-metadata, disable-autocreation";

describe("apps:set", () => {
  test("sets and clears a per-app property", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:set", "app1", "deploy-source", "git"], { env: roots.env })).toEqual({
      stdout: "=====> Setting deploy-source to git\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(prop(roots.env, "app1", "deploy-source"), "utf8")).toBe("git");
    const report = await runDokku(["apps:report", "app1", "--app-deploy-source"], { env: roots.env });
    expect(report).toEqual({ stdout: "git\n", stderr: "", exitCode: 0 });
    expect(await runDokku(["apps:set", "app1", "deploy-source"], { env: roots.env })).toEqual({
      stdout: "=====> Unsetting deploy-source\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(prop(roots.env, "app1", "deploy-source"))).toBe(false);
  });

  test("clears a property given an empty value", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["apps:set", "app1", "deploy-source-metadata", "abc123"], { env: roots.env });
    const result = await runDokku(["apps:set", "app1", "deploy-source-metadata", ""], { env: roots.env });
    expect(result).toEqual({ stdout: "=====> Unsetting deploy-source-metadata\n", stderr: "", exitCode: 0 });
    expect(existsSync(prop(roots.env, "app1", "deploy-source-metadata"))).toBe(false);
  });

  test("sets the global disable-autocreation property", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:set", "--global", "disable-autocreation", "true"], { env: roots.env });
    expect(result).toEqual({ stdout: "=====> Setting disable-autocreation to true\n", stderr: "", exitCode: 0 });
    expect(readFileSync(prop(roots.env, "--global", "disable-autocreation"), "utf8")).toBe("true");
    const report = await runDokku(["apps:report", "--global", "--app-global-disable-autocreation"], { env: roots.env });
    expect(report).toEqual({ stdout: "true\n", stderr: "", exitCode: 0 });
  });

  const refusals: [string, string[], string, number][] = [
    ["an unknown key", ["app1", "colour", "red"], `Invalid property specified, valid properties include: ${VALID}`, 1],
    [
      "a global-only key on an app",
      ["app1", "disable-autocreation", "true"],
      "Property can only be specified globally",
      1,
    ],
    ["an app key globally", ["--global", "deploy-source", "git"], "Property cannot be specified globally", 1],
    ["a missing key", ["app1"], "No property specified", 1],
    ["a missing app", ["ghost", "deploy-source", "git"], "App ghost does not exist", 20],
    [
      "a bad app name",
      ["Bad", "deploy-source", "git"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
      1,
    ],
    ["a path as key", ["app1", "../x", "y"], `Invalid property specified, valid properties include: ${VALID}`, 1],
  ];
  for (const [what, args, message, exitCode] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = tempRoots();
      await runDokku(["apps:create", "app1"], { env: roots.env });
      const before = snapshotTree(roots.dir);
      const result = await runDokku(["apps:set", ...args], { env: roots.env });
      expect(result).toEqual({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }
});
