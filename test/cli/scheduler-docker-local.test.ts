/** scheduler-docker-local:set|report as Dokku's scheduler-docker-local.bats calls them. */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

const flag = async (env: Record<string, string>, target: string, name: string) =>
  runDokku(["scheduler-docker-local:report", target, `--scheduler-docker-local-${name}`], { env });
const json = async (env: Record<string, string>, target: string) =>
  JSON.parse((await runDokku(["scheduler-docker-local:report", target, "--format", "json"], { env })).stdout) as Record<
    string,
    string
  >;

describe("scheduler-docker-local:set and :report", () => {
  test("reports raw and computed values before anything is set, for --global and an app", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const out = async (target: string, name: string) => (await flag(env, target, name)).stdout;
    expect({
      globalInit: await out("--global", "global-init-process"),
      globalComputedInit: await out("--global", "computed-init-process"),
      globalComputedCount: await out("--global", "computed-parallel-schedule-count"),
      count: await out("shop", "parallel-schedule-count"),
      computedCount: await out("shop", "computed-parallel-schedule-count"),
      computedInit: await out("shop", "computed-init-process"),
    }).toEqual({
      globalInit: "\n",
      globalComputedInit: "true\n",
      globalComputedCount: "1\n",
      count: "\n",
      computedCount: "1\n",
      computedInit: "true\n",
    });
    const invalid = await flag(env, "shop", "invalid-flag");
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr).toStartWith(" !     Invalid flag passed, valid flags:");
  });

  test("an app's value wins over --global's, which wins over the default; an empty value unsets", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    expect(await runDokku(["scheduler-docker-local:set", "--global", "parallel-schedule-count", "4"], { env })).toEqual(
      {
        stdout: "=====> Setting parallel-schedule-count to 4\n",
        stderr: "",
        exitCode: 0,
      },
    );
    expect((await runDokku(["scheduler-docker-local:set", "shop", "init-process", "false"], { env })).exitCode).toBe(0);
    expect(await json(env, "shop")).toMatchObject({
      "init-process": "false",
      "computed-init-process": "false",
      "parallel-schedule-count": "",
      "global-parallel-schedule-count": "4",
      "computed-parallel-schedule-count": "4",
    });
    expect(
      (await runDokku(["scheduler-docker-local:set", "--global", "parallel-schedule-count"], { env })).exitCode,
    ).toBe(0);
    expect((await json(env, "shop"))["computed-parallel-schedule-count"]).toBe("1");
  });

  test.each([
    [["shop", "parallel-schedule-count", "0"], "Invalid parallel-schedule-count: 0; use a whole number from 1 to 64"],
    [["shop", "parallel-schedule-count", "65"], "Invalid parallel-schedule-count: 65; use a whole number from 1 to 64"],
    [["shop", "init-process", "yes"], "Invalid init-process: yes; use true or false"],
    [
      ["shop", "colour", "red"],
      "Invalid property specified, valid properties include: init-process, parallel-schedule-count",
    ],
  ])("refuses %p in one line, writing nothing", async (args, message) => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    expect(await runDokku(["scheduler-docker-local:set", ...args], { env })).toEqual({
      stdout: "",
      stderr: ` !     ${message}\n`,
      exitCode: 1,
    });
    expect(existsSync(join(env.DOKKU_LIB_ROOT as string, "config/scheduler-docker-local/shop"))).toBe(false);
  });

  test("bare scheduler-docker-local prints its help", async () => {
    using roots = tempRoots();
    const help = await runDokku(["scheduler-docker-local:help"], { env: roots.env });
    expect(help.stdout).toContain("Manage the docker-local scheduler integration for an app");
    expect(await runDokku(["scheduler-docker-local"], { env: roots.env })).toEqual(help);
  });
});
