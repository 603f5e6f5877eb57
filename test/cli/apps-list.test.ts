import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { homeOf } from "../plugins/apps/tree";

async function create(env: Record<string, string>, ...apps: string[]): Promise<void> {
  for (const app of apps) expect((await runDokku(["apps:create", app], { env })).exitCode).toBe(0);
}

describe("apps:list", () => {
  test("prints the heading and the names sorted", async () => {
    using roots = tempRoots();
    await create(roots.env, "python-app", "node-js-app");
    const result = await runDokku(["apps:list"], { env: roots.env });
    expect(result).toEqual({ stdout: "=====> My Apps\nnode-js-app\npython-app\n", stderr: "", exitCode: 0 });
  });

  test("runs for the bare `apps` command", async () => {
    using roots = tempRoots();
    await create(roots.env, "solo");
    expect(await runDokku(["apps"], { env: roots.env })).toEqual({
      stdout: "=====> My Apps\nsolo\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("prints only the names with --quiet", async () => {
    using roots = tempRoots();
    await create(roots.env, "b-app", "a-app");
    expect(await runDokku(["--quiet", "apps:list"], { env: roots.env })).toEqual({
      stdout: "a-app\nb-app\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("warns when there is no app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["apps:list"], { env: roots.env })).toEqual({
      stdout: "=====> My Apps\n",
      stderr: " !     You haven't deployed any applications yet\n",
      exitCode: 0,
    });
  });

  test("prints a JSON array with --format json", async () => {
    using roots = tempRoots();
    await create(roots.env, "zeta", "alpha");
    const result = await runDokku(["apps:list", "--format", "json"], { env: roots.env });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(["alpha", "zeta"]);
  });

  test("prints an empty JSON array when there is no app", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:list", "--format=json"], { env: roots.env });
    expect(result).toEqual({ stdout: "[]\n", stderr: "", exitCode: 0 });
  });

  test("refuses an unknown format", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:list", "--format", "xml"], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr: " !     Invalid --format value specified: xml. Valid values: stdout, json\n",
      exitCode: 1,
    });
  });

  test("ignores dot-dirs, files and directories whose names are not app names", async () => {
    using roots = tempRoots();
    await create(roots.env, "real");
    const root = homeOf(roots.env);
    mkdirSync(join(root, ".ssh"));
    mkdirSync(join(root, "TLS"));
    mkdirSync(join(root, "not_an_app"));
    writeFileSync(join(root, "VHOST"), "example.com\n");
    writeFileSync(join(root, "ENV"), "");
    const result = await runDokku(["apps:list", "--format", "json"], { env: roots.env });
    expect(JSON.parse(result.stdout)).toEqual(["real"]);
  });
});
