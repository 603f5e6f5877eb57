/** Dokku's `null` scheduler: selectable for an app or globally, a deploy through it releases the app and runs nothing. */
import { afterAll, describe, expect, test } from "bun:test";
import { canDeploy } from "../machine";
import { runDokku, tempRoots } from "../harness";
import { deployBusyboxPage } from "../e2e/fixtures/archive-deploy";
import { containersOf, docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";

const json = async (env: Record<string, string>, app: string) =>
  JSON.parse((await runDokku(["scheduler:report", app, "--format", "json"], { env })).stdout) as Record<string, string>;

describe("the null scheduler", () => {
  test("scheduler:set selects null globally and for an app, as Dokku's scheduler.bats does, and reports raw vs computed", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    expect(await runDokku(["scheduler:set", "--global", "selected", "null"], { env })).toEqual({
      stdout: "=====> Setting selected to null\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await json(env, "shop")).toMatchObject({
      "scheduler-selected": "",
      "scheduler-global-selected": "null",
      "scheduler-computed-selected": "null",
    });
    expect((await runDokku(["scheduler:set", "shop", "selected", "docker-local"], { env })).exitCode).toBe(0);
    expect(await json(env, "shop")).toMatchObject({
      "scheduler-selected": "docker-local",
      "scheduler-global-selected": "null",
      "scheduler-computed-selected": "docker-local",
    });
    expect((await runDokku(["scheduler:set", "shop", "selected"], { env })).exitCode).toBe(0);
    expect((await runDokku(["scheduler:set", "--global", "selected"], { env })).exitCode).toBe(0);
    expect((await json(env, "shop"))["scheduler-computed-selected"]).toBe("docker-local");
  });

  describe.skipIf(!canDeploy)("deploys", () => {
    const app = `null-sched-${process.pid}`;
    const roots = tempRoots();
    const env = roots.env;
    afterAll(async () => {
      await removeAppLeftovers(await docker(), app);
      roots[Symbol.dispose]();
    });

    test("a deploy through null releases the app, lets the docker-local containers go and runs nothing; run says why; destroy works", async () => {
      const client = await docker();
      expect((await runDokku(["apps:create", app], { env })).exitCode).toBe(0);
      expect((await deployBusyboxPage(app, "one\n", env)).exitCode).toBe(0);
      expect(Object.keys(await containersOf(client, app)).length).toBe(1);
      expect((await runDokku(["scheduler:set", app, "selected", "null"], { env })).exitCode).toBe(0);
      const second = await deployBusyboxPage(app, "two\n", env);
      expect(second.exitCode).toBe(0);
      expect(second.stdout).toContain(`-----> Deploying ${app} via the null scheduler...\n`);
      expect(await containersOf(client, app)).toEqual({});
      const releases = await runDokku(["releases", app, "--format", "json"], { env });
      expect((JSON.parse(releases.stdout) as unknown[]).length).toBe(2);
      expect(await runDokku(["run", app, "true"], { env })).toEqual({
        stdout: "",
        stderr: ` !     ${app} uses the null scheduler, which runs no containers: nothing to run\n`,
        exitCode: 1,
      });
      expect((await runDokku(["--force", "apps:destroy", app], { env })).exitCode).toBe(0);
    }, 120_000);
  });
});
