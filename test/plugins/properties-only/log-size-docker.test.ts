import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../../src/executors/docker/client";
import { addDockerOptions } from "../../../src/plugins/docker-options/commands";
import { setPropertiesOnly } from "../../../src/plugins/properties-only/properties";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import {
  buildTestImage,
  docker,
  haveDocker,
  removeAppLeftovers,
  setSettleSeconds,
  testRelease,
} from "../scheduler-docker-local/fixture";

const scheduler = schedulerNamed("docker-local");
const app = `logsize-${process.pid}`;
const WEB = { web: "httpd -f -p $PORT -h /www" };

describe.skipIf(!haveDocker)("logs max-size on docker-local's deploy containers (issue 14)", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  let client: DockerClient;
  let image: string;
  const logConfig = async () => (await client.getContainer(`${app}.web.1`).inspect()).HostConfig.LogConfig;

  beforeAll(async () => {
    client = await docker();
    image = await buildTestImage(client, app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("Dokku's 10m by default, the app's max-size when set, none when unlimited, the app's own --log-opt winning", async () => {
    const daemon = ((await client.info()) as { LoggingDriver?: string }).LoggingDriver;
    await scheduler.deploy(ctx, app, testRelease(app, image, WEB, 1), { web: 1 });
    const byDefault = await logConfig();
    await setPropertiesOnly(ctx, "logs", app, "max-size", "20k");
    await scheduler.deploy(ctx, app, testRelease(app, image, WEB, 2), { web: 1 });
    const own = await logConfig();
    await setPropertiesOnly(ctx, "logs", app, "max-size", "unlimited");
    await scheduler.deploy(ctx, app, testRelease(app, image, WEB, 3), { web: 1 });
    const unlimited = await logConfig();
    await setPropertiesOnly(ctx, "logs", app, "max-size", "");
    await addDockerOptions(ctx, [app, "deploy", "--log-opt max-file=2", "--log-opt max-size=1m"]);
    await scheduler.deploy(ctx, app, testRelease(app, image, WEB, 4), { web: 1 });
    const options = await logConfig();
    expect({ daemon, byDefault, own, unlimited, options }).toEqual({
      daemon: "json-file",
      byDefault: { Type: "json-file", Config: { "max-size": "10m" } },
      own: { Type: "json-file", Config: { "max-size": "20k" } },
      unlimited: { Type: "json-file", Config: {} },
      options: { Type: "json-file", Config: { "max-file": "2", "max-size": "1m" } },
    });
  }, 120_000);
});
