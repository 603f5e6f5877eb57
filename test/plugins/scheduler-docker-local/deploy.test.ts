import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../../src/executors/docker/client";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { failedLogsPath } from "../../../src/plugins/scheduler/shared/properties";
import { dokkuErrorOfAsync, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import {
  buildTestImage,
  containersOf,
  docker,
  haveDocker,
  PROCESSES,
  removeAppLeftovers,
  setSettleSeconds,
  testRelease,
} from "./fixture";

const scheduler = schedulerNamed("docker-local");

const app = `sched-deploy-${process.pid}`;

describe.skipIf(!haveDocker)("docker-local scheduler", () => {
  const roots = tempRoots();
  const { ctx, sink } = testContext(roots.env);
  let client: DockerClient;
  let image: string;

  beforeAll(async () => {
    client = await docker();
    image = await buildTestImage(client, app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", app), { recursive: true });
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", app, "ENV"), "export FOO='bar'\n");
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("starts each process type's containers with labels, config, PORT, DYNO and the expanded Procfile command", async () => {
    await scheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 1), { web: 2, worker: 1 });
    const containers = await containersOf(client, app);
    expect(containers).toEqual({
      [`${app}.web.1`]: {
        state: "running",
        release: "1",
        env: ["FOO=bar", "DYNO=web.1", "PORT=5000"],
        cmd: ["httpd", "-f", "-p", "5000", "-h", "/www"],
      },
      [`${app}.web.2`]: {
        state: "running",
        release: "1",
        env: ["FOO=bar", "DYNO=web.2", "PORT=5000"],
        cmd: ["httpd", "-f", "-p", "5000", "-h", "/www"],
      },
      [`${app}.worker.1`]: {
        state: "running",
        release: "1",
        env: ["FOO=bar", "DYNO=worker.1"],
        cmd: ["sh", "-c", "echo tick bar; sleep 1000"],
      },
    });
    const inspect = await client.getContainer(`${app}.web.1`).inspect();
    expect({
      labels: inspect.Config.Labels,
      init: inspect.HostConfig.Init,
      restart: inspect.HostConfig.RestartPolicy,
    }).toEqual({
      labels: {
        "com.dokku.app-name": app,
        "com.dokku.container-type": "deploy",
        "com.dokku.dyno": "web.1",
        "com.dokku.process-type": "web",
        "com.dokku.release-id": "1",
        "com.dokku.deploy-id": expect.stringMatching(/^1-[a-z0-9]{6}$/),
      },
      init: true,
      restart: { Name: "on-failure", MaximumRetryCount: 10 },
    });
  });

  test("reports each container's process type, index, state and release", async () => {
    const status = await scheduler.status(ctx, app);
    expect(status.map(({ proc, index, state, releaseId, name }) => ({ proc, index, state, releaseId, name }))).toEqual([
      { proc: "web", index: 1, state: "running", releaseId: 1, name: `${app}.web.1` },
      { proc: "web", index: 2, state: "running", releaseId: 1, name: `${app}.web.2` },
      { proc: "worker", index: 1, state: "running", releaseId: 1, name: `${app}.worker.1` },
    ]);
  });

  test("prints the containers' logs with Dokku's app[dyno] prefix, or raw", async () => {
    sink.out = "";
    await scheduler.logs(ctx, app, { processType: "worker", num: 10, follow: false, raw: false });
    const prefixed = sink.out;
    sink.out = "";
    await scheduler.logs(ctx, app, { processType: "worker", num: 10, follow: false, raw: true });
    expect({ prefixed: prefixed.replace(/^\S+Z /, "<time> "), raw: sink.out }).toEqual({
      prefixed: "<time> app[worker.1]: tick bar\n",
      raw: "tick bar\n",
    });
  });

  test("replaces every container on the next release and scales down", async () => {
    await scheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 2), { web: 1, worker: 0 });
    expect(Object.entries(await containersOf(client, app)).map(([name, c]) => [name, c.state, c.release])).toEqual([
      [`${app}.web.1`, "running", "2"],
    ]);
  });

  test("keeps the old containers and removes the new ones when a new one fails, with its last output", async () => {
    const broken = testRelease(app, image, { web: "sh -c 'echo boom; exit 1'" }, 3);
    const message = await dokkuErrorOfAsync(() => scheduler.deploy(ctx, app, broken, { web: 1 }));
    // the restart policy may have run it again before the check: "boom" once or more, and the
    // exit seen (code 1) or, when the check came after the restart, the restart itself
    expect(message).toMatch(
      /^Could not start web\.1: container (exited with code 1|has restarted \d+ times)\nLast output of web\.1:\nboom(\nboom)*$/,
    );
    expect(Object.entries(await containersOf(client, app)).map(([name, c]) => [name, c.state, c.release])).toEqual([
      [`${app}.web.1`, "running", "2"],
    ]);
    expect(existsSync(failedLogsPath(ctx, app))).toBe(true);
  });

  test("runs a one-off container with the app's config and passes its exit code through", async () => {
    sink.out = "";
    const result = await scheduler.run(ctx, app, testRelease(app, image, PROCESSES, 2), {
      command: ["sh", "-c", "echo $FOO $EXTRA $DYNO; exit 3"],
      env: ["EXTRA=x"],
      tty: false,
      detached: false,
      ttlSeconds: 60,
    });
    expect({ exitCode: result.exitCode, out: sink.out.replace(/run\.\d+/, "run.N") }).toEqual({
      exitCode: 3,
      out: "bar x run.N\n",
    });
    expect(
      await client.listContainers({
        all: true,
        filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=run"] },
      }),
    ).toEqual([]);
  });

  test("runs a command inside a running container", async () => {
    sink.out = "";
    const exitCode = await scheduler.enter(ctx, app, {
      processOrDyno: "web.1",
      command: ["sh", "-c", "echo $DYNO; exit 4"],
      tty: false,
    });
    expect({ exitCode, out: sink.out }).toEqual({ exitCode: 4, out: "web.1\n" });
  });

  test("stops the containers, then starts the release again", async () => {
    await scheduler.stop(ctx, app);
    const stopped = (await scheduler.status(ctx, app)).map((c) => c.state);
    await scheduler.start(ctx, app, testRelease(app, image, PROCESSES, 2), { web: 1 });
    const started = (await scheduler.status(ctx, app)).map((c) => c.state);
    expect({ stopped, started }).toEqual({ stopped: ["exited"], started: ["running"] });
  });

  test("destroys every container and image of the app", async () => {
    await scheduler.destroy(ctx, app);
    const containers = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
    const images = await client.listImages({ filters: { reference: [`dokku/${app}`] } });
    expect({ containers, images }).toEqual({ containers: [], images: [] });
  });
});
