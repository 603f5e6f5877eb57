import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

function createdAt(env: Record<string, string>, app: string): string {
  return readFileSync(join(env.DOKKU_LIB_ROOT as string, "config/apps", app, "created-at"), "utf8").trim();
}

function expectedBlock(env: Record<string, string>, app: string, locked = "false", source = ""): string {
  return [
    `=====> ${app} app information`,
    `       App created at:                  ${createdAt(env, app)}`,
    `       App deploy source:               ${source}`,
    "       App deploy source metadata:      ",
    `       App dir:                         ${env.DOKKU_ROOT}/${app}`,
    "       App global disable autocreation: ",
    `       App locked:                      ${locked}`,
    "",
  ].join("\n");
}

describe("apps:report", () => {
  test("prints one app's report", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["apps:set", "app1", "deploy-source", "git"], { env: roots.env });
    const result = await runDokku(["apps:report", "app1"], { env: roots.env });
    expect(result).toEqual({ stdout: expectedBlock(roots.env, "app1", "false", "git"), stderr: "", exitCode: 0 });
  });

  test("prints every app's report without an app", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "bbb"], { env: roots.env });
    await runDokku(["apps:create", "aaa"], { env: roots.env });
    const result = await runDokku(["apps:report"], { env: roots.env });
    expect(result).toEqual({
      stdout: expectedBlock(roots.env, "aaa") + expectedBlock(roots.env, "bbb"),
      stderr: "",
      exitCode: 0,
    });
  });

  test("warns when there is no app to report on", async () => {
    using roots = tempRoots();
    expect(await runDokku(["apps:report"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     You haven't deployed any applications yet\n",
      exitCode: 0,
    });
  });

  test("prints JSON with trimmed and legacy keys with --format json", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["apps:lock", "app1"], { env: roots.env });
    const result = await runDokku(["apps:report", "app1", "--format", "json"], { env: roots.env });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const stamp = createdAt(roots.env, "app1");
    const dir = `${roots.env.DOKKU_ROOT}/app1`;
    expect(JSON.parse(result.stdout)).toEqual({
      "created-at": stamp,
      "app-created-at": stamp,
      "deploy-source": "",
      "app-deploy-source": "",
      "deploy-source-metadata": "",
      "app-deploy-source-metadata": "",
      dir,
      "app-dir": dir,
      "global-disable-autocreation": "",
      "app-global-disable-autocreation": "",
      locked: "true",
      "app-locked": "true",
    });
  });

  test("prints one value for an info flag, before or after the app", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:report", "app1", "--app-locked"], { env: roots.env })).toEqual({
      stdout: "false\n",
      stderr: "",
      exitCode: 0,
    });
    await runDokku(["apps:lock", "app1"], { env: roots.env });
    expect(await runDokku(["apps:report", "--app-locked", "app1"], { env: roots.env })).toEqual({
      stdout: "true\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["--app", "app1", "apps:report", "--app-dir"], { env: roots.env })).toEqual({
      stdout: `${roots.env.DOKKU_ROOT}/app1\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("reports the global scope with --global", async () => {
    using roots = tempRoots();
    const result = await runDokku(["apps:report", "--global"], { env: roots.env });
    expect(result).toEqual({
      stdout: "=====> --global app information\n       App global disable autocreation: \n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses an unknown info flag, listing the valid ones", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const result = await runDokku(["apps:report", "app1", "--app-colour"], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr:
        " !     Invalid flag passed, valid flags: --app-created-at, --app-deploy-source, --app-deploy-source-metadata, --app-dir, --app-global-disable-autocreation, --app-locked\n",
      exitCode: 1,
    });
  });

  test("refuses two info flags, or an info flag with --format json", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    expect(await runDokku(["apps:report", "app1", "--app-dir", "--app-locked"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     apps:report command allows only a single flag\n",
      exitCode: 1,
    });
    expect(await runDokku(["apps:report", "app1", "--app-dir", "--format", "json"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     --format flag cannot be specified when specifying an info flag\n",
      exitCode: 1,
    });
  });

  test("exits 20 for a missing app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["apps:report", "ghost"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App ghost does not exist\n",
      exitCode: 20,
    });
  });
});
