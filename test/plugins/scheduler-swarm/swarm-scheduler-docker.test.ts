import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../../src/core/context";
import { writeOptions } from "../../../src/plugins/docker-options/properties";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { dokkuErrorOfAsync, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import {
  buildTestImage,
  docker,
  haveDocker,
  removeAppLeftovers,
  saveCurrentRelease,
  setSettleSeconds,
  testRelease,
} from "../scheduler-docker-local/fixture";
import { enterSwarm } from "./swarm-fixture";
import { machine } from "../../machine";

const swarmScheduler = schedulerNamed("swarm");

const app = `swarm-sched-${process.pid}`;
const haveTools = haveDocker && machine.nginx && machine.busybox;
const STEP = 120_000;
const SETUP = 720_000;
const PROCESSES = { web: "httpd -f -p $PORT -h /www", worker: "sh -c 'echo worker up; exec sleep 1000'" };

/** serviceReleases() once it equals `expected`, or as it is after 60 s: Swarm converges, not at once. */
async function releasesOnceSettled(expected: Record<string, string[]>): Promise<Record<string, string[]>> {
  const deadline = Date.now() + 60_000;
  let releases = await serviceReleases();
  while (JSON.stringify(releases) !== JSON.stringify(expected) && Date.now() < deadline) {
    await Bun.sleep(250);
    releases = await serviceReleases();
  }
  return releases;
}

/** name -> release label of each running service's tasks. */
async function serviceReleases(): Promise<Record<string, string[]>> {
  const client = await docker();
  const services = await client.listServices({ filters: { label: [`com.dokku.app-name=${app}`] } });
  const result: Record<string, string[]> = {};
  for (const service of services) {
    const tasks = (await client.listTasks({
      filters: { service: [service.ID], "desired-state": ["running"] },
    })) as Array<{ Spec?: { ContainerSpec?: { Labels?: Record<string, string> } } }>;
    result[service.Spec?.Name ?? ""] = tasks
      .map((task) => task.Spec?.ContainerSpec?.Labels?.["com.dokku.release-id"] ?? "")
      .sort();
  }
  return result;
}

describe.skipIf(!haveTools)("the swarm scheduler beyond the contract", () => {
  let leave: (() => Promise<void>) | undefined;
  const roots = tempRoots();
  let ctx: Context;
  let image = "";

  beforeAll(async () => {
    leave = await enterSwarm();
    ctx = testContext(roots.env).ctx;
    image = await buildTestImage(await docker(), app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    await swarmScheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 1), { web: 1, worker: 1 });
  }, SETUP); // longer than enterSwarm's wait for the machine's swarm lock

  afterAll(async () => {
    try {
      await swarmScheduler.destroy(ctx, app).catch(() => undefined);
      await removeAppLeftovers(await docker(), app);
    } finally {
      roots[Symbol.dispose]();
      await leave?.();
    }
  }, STEP);

  test(
    "run reaches the app's web service by name on the app's overlay network",
    async () => {
      const chunks: string[] = [];
      const out = ctx.out.raw.bind(ctx.out);
      ctx.out.raw = (text: string) => void chunks.push(text);
      try {
        const result = await swarmScheduler.run(ctx, app, testRelease(app, image, PROCESSES, 1), {
          command: ["sh", "-c", `printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc ${app}-web 5000 | tail -n 1`],
          env: [],
          tty: false,
          detached: false,
          ttlSeconds: 60,
        });
        expect({ exitCode: result.exitCode, out: chunks.join("") }).toEqual({ exitCode: 0, out: "hello\n" });
      } finally {
        ctx.out.raw = out;
      }
    },
    STEP,
  );

  test(
    "a release whose worker fails rolls web back to the release before, which keeps serving",
    async () => {
      const failing = testRelease(app, image, { ...PROCESSES, worker: "sh -c 'echo worker broken; exit 3'" }, 2);
      const message = await dokkuErrorOfAsync(() => swarmScheduler.deploy(ctx, app, failing, { web: 1, worker: 1 }));
      expect(message.split("\n")[0]).toStartWith("Could not start worker.1:");
      // web was updated to release 2 first; the failed worker rolls it back to release 1, and
      // Swarm starts the rolled-back worker's task again (none runs for a moment in between)
      const expected = { [`${app}-web`]: ["1"], [`${app}-worker`]: ["1"] };
      expect(await releasesOnceSettled(expected)).toEqual(expected);
    },
    STEP,
  );

  test(
    "refuses a docker option Swarm cannot express before changing any service",
    async () => {
      const before = { [`${app}-web`]: ["1"], [`${app}-worker`]: ["1"] };
      expect(await releasesOnceSettled(before)).toEqual(before);
      writeOptions(ctx, app, "_default_", "deploy", ["--privileged"]);
      try {
        const message = await dokkuErrorOfAsync(() =>
          swarmScheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 3), { web: 1, worker: 1 }),
        );
        expect({ message, releases: await serviceReleases() }).toEqual({
          message: `The swarm scheduler cannot run ${app}'s web with HostConfig.Privileged: remove it or use the docker-local scheduler`,
          releases: before,
        });
      } finally {
        writeOptions(ctx, app, "_default_", "deploy", []);
      }
    },
    STEP,
  );

  test(
    "recovery after a deploy killed before its commit point puts the services back on the current release",
    async () => {
      saveCurrentRelease(roots.env.DOKKU_LIB_ROOT as string, testRelease(app, image, PROCESSES, 1));
      ctx.store.set("scheduler", app, "selected", "swarm");
      ctx.store.setList("ps", app, "scale", ["web=1", "worker=1"]);
      // what a crash before the commit point leaves: the services run release 4, the pointer names 1
      await swarmScheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 4), { web: 1, worker: 1 });
      const crashed = await serviceReleases();
      await swarmScheduler.recover(ctx, app, { interrupted: true });
      expect({ crashed, recovered: await serviceReleases() }).toEqual({
        crashed: { [`${app}-web`]: ["4"], [`${app}-worker`]: ["4"] },
        recovered: { [`${app}-web`]: ["1"], [`${app}-worker`]: ["1"] },
      });
    },
    STEP,
  );
});
