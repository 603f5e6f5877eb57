/** run:stop and run:retire against real one-off containers (Dokku's run plugin). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DockerClient } from "../../src/executors/docker/client";
import { pastDeadline } from "../../src/plugins/scheduler/shared/one-off";
import { runDokku, tempRoots } from "../harness";
import {
  buildTestImage,
  docker,
  haveDocker,
  PROCESSES,
  removeAppLeftovers,
  saveCurrentRelease,
  testRelease,
} from "../plugins/scheduler-docker-local/fixture";

describe("pastDeadline", () => {
  test("a run container outlives its --ttl-seconds only strictly after created + ttl; none without a deadline", () => {
    const container = { name: "a.run.1", createdAt: 1000, deadlineSeconds: 60 };
    expect([pastDeadline(container, 1060), pastDeadline(container, 1061)]).toEqual([false, true]);
    expect(pastDeadline({ ...container, deadlineSeconds: undefined }, 10_000)).toBe(false);
  });
});

describe("run:stop and run:retire refuse bad input", () => {
  test.each([
    [["run:stop"], "No container or app specified"],
    [
      ["run:stop", "--container", "shop.web.1"],
      "Invalid container name specified: shop.web.1; run containers are named <app>.run.<n>",
    ],
    [["run:stop", "nope"], "App nope does not exist"],
    [["run:retire", "nope"], "App nope does not exist"],
  ])("%p", async (args, message) => {
    using roots = tempRoots();
    const result = await runDokku(args, { env: roots.env });
    expect(result.stderr).toBe(` !     ${message}\n`);
    expect(result.exitCode).not.toBe(0);
  });
});

const app = `run-stop-${process.pid}`;

describe.skipIf(!haveDocker)("run:stop and run:retire against real containers", () => {
  const roots = tempRoots();
  const env = roots.env;
  let client: DockerClient;
  const runs = async () =>
    (JSON.parse((await runDokku(["run:list", app, "--format", "json"], { env })).stdout) as { name: string }[])
      .map((run) => run.name)
      .sort();
  const detached = async (...flags: string[]) =>
    (await runDokku(["run:detached", ...flags, app, "sleep", "300"], { env })).stdout.trim();

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    await runDokku(["ps:set", app, "stop-timeout-seconds", "1"], { env });
    saveCurrentRelease(env.DOKKU_LIB_ROOT as string, testRelease(app, await buildTestImage(client, app), PROCESSES, 1));
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("run:stop --container stops only that one; run:stop <app> the rest", async () => {
    const [one, two] = [await detached(), await detached()];
    expect(await runDokku(["run:stop", "--container", one], { env })).toEqual({
      stdout: `-----> Stopped ${one}\n`,
      stderr: "",
      exitCode: 0,
    });
    expect(await runs()).toEqual([two]);
    expect((await runDokku(["run:stop", "--container", one], { env })).stderr).toBe(
      " !     Specified container does not exist\n",
    );
    expect((await runDokku(["run:stop", app], { env })).stdout).toBe(`-----> Stopped ${two}\n`);
    expect(await runs()).toEqual([]);
  }, 60_000);

  test("run:retire stops what outlived its --ttl-seconds and leaves the others", async () => {
    const lasting = await detached("--ttl-seconds", "3600");
    const brief = await detached("--ttl-seconds", "0");
    // Docker's creation time has whole seconds: a ttl of 0 is past once the next second starts
    let retired = "";
    for (let attempt = 0; attempt < 40 && retired === ""; attempt++) {
      retired = (await runDokku(["run:retire", app], { env })).stdout;
      if (retired === "") await Bun.sleep(100);
    }
    expect(retired).toBe(`       Retired ${brief}\n`);
    expect(await runs()).toEqual([lasting]);
    expect((await runDokku(["run:retire"], { env })).exitCode).toBe(0);
    expect(await runs()).toEqual([lasting]);
  }, 60_000);

  test("ps:retire (the minute timer's) retires expired run containers too, as Dokku's", async () => {
    const brief = await detached("--ttl-seconds", "0");
    let said = "";
    for (let attempt = 0; attempt < 40 && !said.includes(brief); attempt++) {
      said = (await runDokku(["ps:retire", app], { env })).stdout;
      if (!said.includes(brief)) await Bun.sleep(100);
    }
    expect(said).toContain(`       Retired expired run container ${brief}\n`);
    expect((await runs()).includes(brief)).toBe(false);
    await runDokku(["run:stop", app], { env });
  }, 60_000);
});
