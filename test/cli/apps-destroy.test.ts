import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

const PROMPT =
  ' !     WARNING: Potentially Destructive Action\n !     This command will destroy app doomed.\n !     To proceed, type "doomed"\n';

async function withApp(env: Record<string, string>): Promise<void> {
  const created = await runDokku(["apps:create", "doomed"], { env });
  expect(created.exitCode).toBe(0);
  const dir = join(env.DOKKU_LIB_ROOT as string, "config/someplugin/doomed");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "x"), "value");
}

function gone(env: Record<string, string>): boolean {
  const lib = env.DOKKU_LIB_ROOT as string;
  return (
    !existsSync(join(env.DOKKU_ROOT as string, "doomed")) &&
    !existsSync(join(lib, "config/someplugin/doomed")) &&
    !existsSync(join(lib, "config/apps/doomed")) &&
    !existsSync(join(lib, "data/apps/doomed"))
  );
}

describe("apps:destroy", () => {
  test("destroys the app and every plugin's properties with --force", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const result = await runDokku(["apps:destroy", "doomed", "--force"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Destroying doomed (including all add-ons)\n", stderr: "", exitCode: 0 });
    expect(gone(roots.env)).toBe(true);
  });

  test("skips the prompt with the global --force flag", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const result = await runDokku(["--force", "apps:destroy", "doomed"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Destroying doomed (including all add-ons)\n", stderr: "", exitCode: 0 });
    expect(gone(roots.env)).toBe(true);
  });

  test("proceeds when the app's name is typed on stdin", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const result = await runDokku(["apps:destroy", "doomed"], { env: roots.env, stdin: "doomed\n" });
    expect(result).toEqual({
      stdout: "> -----> Destroying doomed (including all add-ons)\n",
      stderr: PROMPT,
      exitCode: 0,
    });
    expect(gone(roots.env)).toBe(true);
  });

  test("refuses and changes nothing when another name is typed", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:destroy", "doomed"], { env: roots.env, stdin: "other\n" });
    expect(result).toEqual({
      stdout: "> ",
      stderr: `${PROMPT} !     Confirmation did not match doomed. Aborted.\n`,
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses and changes nothing when stdin is empty", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:destroy", "doomed"], { env: roots.env, stdin: "" });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.endsWith(" !     Confirmation did not match doomed. Aborted.\n")).toBe(true);
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("exits 20 for an app that does not exist, without asking", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    const result = await runDokku(["apps:destroy", "ghost"], { env: roots.env, stdin: "ghost\n" });
    expect(result).toEqual({ stdout: "", stderr: " !     App ghost does not exist\n", exitCode: 20 });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses a path-like name and removes nothing", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    const before = snapshotTree(roots.dir);
    for (const name of ["..", "../home", "doomed/..", ""]) {
      const result = await runDokku(["apps:destroy", name, "--force"], { env: roots.env });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^ ! {5}[^\n]+\n$/);
    }
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("leaves other apps alone", async () => {
    using roots = tempRoots();
    await withApp(roots.env);
    await runDokku(["apps:create", "survivor"], { env: roots.env });
    await runDokku(["apps:destroy", "--force", "doomed"], { env: roots.env });
    const list = await runDokku(["apps:list", "--format", "json"], { env: roots.env });
    expect(JSON.parse(list.stdout)).toEqual(["survivor"]);
  });
});
