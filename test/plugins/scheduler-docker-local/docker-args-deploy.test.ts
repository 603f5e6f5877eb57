import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../../src/executors/docker/client";
import { createApp } from "../../../src/plugins/apps/create";
import { deployApp, goLive } from "../../../src/plugins/deploy/pipeline";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import type { Payload, Result } from "../../../src/triggers/bus";
import { BUSYBOX_APP } from "../../e2e/fixtures/git-work";
import { dokkuErrorOfAsync, tempDir, tempRoots } from "../../harness";
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

const app = `dargs-${process.pid}`;

describe.skipIf(!haveDocker)("docker-args-deploy in the docker-local scheduler", () => {
  const roots = tempRoots();
  const lib = roots.env.DOKKU_LIB_ROOT as string;
  const { ctx, sink } = testContext(roots.env);
  const asked: Payload<"docker-args-deploy">[] = [];
  const failed: Payload<"deploy-failed">[] = [];
  let answer: () => Result<"docker-args-deploy"> = () => [];
  let client: DockerClient;
  let image: string;

  beforeAll(async () => {
    client = await docker();
    image = await buildTestImage(client, app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    mkdirSync(join(lib, "config", app), { recursive: true });
    writeFileSync(join(lib, "config", app, "ENV"), "export SHARED='from-config'\n");
    setSettleSeconds(lib, 1);
    ctx.bus.on("docker-args-deploy", "test-plugin", (payload) => {
      asked.push(payload);
      return answer();
    });
    ctx.bus.on("deploy-failed", "test-recorder", (payload) => {
      failed.push(payload);
      return null;
    });
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("asks once per process type and gives the containers the labels and env, the app's config winning", async () => {
    answer = () => [
      { type: "label", name: "team", value: "ops" },
      { type: "env", name: "SHARED", value: "from-plugin" },
      { type: "env", name: "PLUGIN_ONLY", value: "yes" },
    ];
    await scheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 1), { web: 1, worker: 1 });
    const containers = await containersOf(client, app);
    const labels = (await client.getContainer(`${app}.web.1`).inspect()).Config.Labels;
    expect({
      asked,
      web: containers[`${app}.web.1`]?.env,
      worker: containers[`${app}.worker.1`]?.env,
      team: labels.team,
      own: labels["com.dokku.app-name"],
    }).toEqual({
      asked: [
        { app, processType: "web", image, releaseId: 1 },
        { app, processType: "worker", image, releaseId: 1 },
      ],
      web: ["SHARED=from-config", "PLUGIN_ONLY=yes", "DYNO=web.1", "PORT=5000"],
      worker: ["SHARED=from-config", "PLUGIN_ONLY=yes", "DYNO=worker.1"],
      team: "ops",
      own: app,
    });
  });

  test("a failing handler fails the deploy before any container starts; deploy-failed names the release", async () => {
    answer = () => {
      throw new Error("registry down");
    };
    let discarded = 0;
    const error = await dokkuErrorOfAsync(() =>
      goLive(ctx, app, testRelease(app, image, PROCESSES, 2), {
        postdeploy: false,
        discard: async () => {
          discarded++;
        },
      }),
    );
    const containers = await containersOf(client, app);
    expect({
      error,
      discarded,
      failed,
      running: Object.entries(containers)
        .map(([name, c]) => [name, c.state, c.release])
        .sort(),
    }).toEqual({
      error: "test-plugin failed on docker-args-deploy: registry down",
      discarded: 1,
      failed: [
        { app, stage: "deploy", reason: "test-plugin failed on docker-args-deploy: registry down", releaseId: 2 },
      ],
      running: [
        [`${app}.web.1`, "running", "1"],
        [`${app}.worker.1`, "running", "1"],
      ],
    });
  });

  test("a handler offering one of dokku's own labels is refused by the schema and starts nothing", async () => {
    answer = () => [{ type: "label", name: "com.dokku.app-name", value: "someone-else" }];
    const error = await dokkuErrorOfAsync(() =>
      scheduler.deploy(ctx, app, testRelease(app, image, PROCESSES, 3), { web: 1 }),
    );
    const releases = Object.values(await containersOf(client, app)).map((c) => c.release);
    expect({ error, releases: [...new Set(releases)], warned: sink.err }).toEqual({
      error: "Invalid result of docker-args-deploy from test-plugin: /0 Expected union value",
      releases: ["1"],
      warned: "",
    });
  });
});

const releaseApp = `dfail-${process.pid}`;

describe.skipIf(!haveDocker)("deploy-failed at the release stage", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  const tree = tempDir("dokku-release-fail-");

  afterAll(async () => {
    await removeAppLeftovers(await docker(), releaseApp);
    tree[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test("fires with the recorded release when the release command fails, and the deploy fails with its error", async () => {
    cpSync(BUSYBOX_APP, tree.path, { recursive: true });
    writeFileSync(join(tree.path, "Procfile"), "web: httpd -f -p $PORT -h /app/www\nrelease: exit 4\n");
    await createApp(ctx, releaseApp);
    const failed: Payload<"deploy-failed">[] = [];
    ctx.bus.on("deploy-failed", "test-recorder", (payload) => {
      failed.push(payload);
      return null;
    });
    const error = await dokkuErrorOfAsync(() =>
      deployApp(ctx, releaseApp, { kind: "tree", dir: tree.path, origin: "archive" }),
    );
    expect({ error, failed }).toEqual({
      error: "Release command failed with exit code 4: exit 4",
      failed: [
        { app: releaseApp, stage: "release", reason: "Release command failed with exit code 4: exit 4", releaseId: 1 },
      ],
    });
  }, 120_000);
});
