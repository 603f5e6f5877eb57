import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../../src/executors/docker/client";
import { commitRelease } from "../../../src/plugins/release/release-store";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import {
  buildTestImage,
  docker,
  haveDocker,
  removeAppLeftovers,
  saveCurrentRelease,
  setSettleSeconds,
  testRelease,
} from "./fixture";

const scheduler = schedulerNamed("docker-local");

const app = `sched-settle-${process.pid}`;
const WEB = { web: "httpd -f -p $PORT -h /www" };

/** The addresses an nginx config routes to (its upstream `server` lines). */
function routedTo(config: string): string[] {
  return [...config.matchAll(/^\s*server ([0-9.]+):\d+;/gm)].map((match) => match[1] as string).sort();
}

describe.skipIf(!haveDocker)("a deploy settling", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  const configPath = join(roots.env.DOKKU_ROOT as string, app, "nginx.conf");
  let client: DockerClient;
  let image: string;

  const webAddresses = async (release: number) => {
    const infos = await client.listContainers({
      filters: {
        label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web", `com.dokku.release-id=${release}`],
      },
    });
    const inspected = await Promise.all(infos.map((info) => client.getContainer(info.Id).inspect()));
    return inspected.map((info) => info.NetworkSettings.Networks.bridge?.IPAddress ?? "").sort();
  };

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

  test("routes to the new containers even when another command wrote the old ones' config during the switch", async () => {
    const first = testRelease(app, image, WEB, 1);
    saveCurrentRelease(roots.env.DOKKU_LIB_ROOT as string, first);
    await scheduler.deploy(ctx, app, first, { web: 1 });
    const stale = readFileSync(configPath, "utf8");
    expect(routedTo(stale)).toEqual(await webAddresses(1));
    const second = testRelease(app, image, WEB, 2);
    await scheduler.deploy(
      ctx,
      app,
      second,
      { web: 1 },
      {
        commit: () => {
          // what a proxy:build-config racing the deploy writes just before its commit point: the
          // containers of the release still current, which retire once the deploy is done
          writeFileSync(configPath, stale);
          commitRelease(ctx, app, second);
        },
      },
    );
    expect(routedTo(readFileSync(configPath, "utf8"))).toEqual(await webAddresses(2));
  });
});
