import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { libOf } from "../plugins/apps/tree";

describe("report", () => {
  test("prints every plugin's section for one app", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const result = await runDokku(["report", "app1"], { env: roots.env });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const stamp = readFileSync(join(libOf(roots.env), "config/apps/app1/created-at"), "utf8").trim();
    expect(result.stdout.startsWith("=====> app1 app information\n")).toBe(true);
    expect(result.stdout).toContain(`       App created at:                  ${stamp}\n`);
    expect(result.stdout).toContain("       App locked:                      false\n");
  });

  test("prints one JSON object per section with --format json", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const result = await runDokku(["report", "app1", "--format", "json"], { env: roots.env });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const sections = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, string>);
    const apps = sections.find((section) => "app-created-at" in section);
    expect(apps?.dir).toBe(`${roots.env.DOKKU_ROOT}/app1`);
    expect(apps?.locked).toBe("false");
  });

  test("reports on every app without an app", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "bbb"], { env: roots.env });
    await runDokku(["apps:create", "aaa"], { env: roots.env });
    const result = await runDokku(["report"], { env: roots.env });
    expect(result.exitCode).toBe(0);
    const headings = result.stdout
      .split("\n")
      .filter((line) => line.startsWith("=====> ") && line.endsWith(" app information"));
    expect(headings).toEqual(["=====> aaa app information", "=====> bbb app information"]);
  });

  test("warns when there is no app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["report"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     You haven't deployed any applications yet\n",
      exitCode: 0,
    });
  });

  test("exits 20 for an unknown app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["report", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App ghost does not exist\n",
      exitCode: 20,
    });
  });

  test("refuses a bad app name", async () => {
    using roots = tempRoots();
    const result = await runDokku(["report", "../x"], { env: roots.env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ ! {5}App name must [^\n]*\n$/);
  });
});
