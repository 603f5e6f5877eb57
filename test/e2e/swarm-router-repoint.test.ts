import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../src/executors/docker/client";
import { runDokku, tempRoots } from "../harness";
import { appArchive, deployArchive } from "../plugins/cleanup/fixture";
import {
  docker as dockerClient,
  removeAppLeftovers,
  setSettleSeconds,
} from "../plugins/scheduler-docker-local/fixture";
import { enterSwarm } from "../plugins/scheduler-swarm/swarm-fixture";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { startWatcher } from "./watcher";
import { canDeploy } from "../machine";

/**
 * Issue 12 item 11 for a swarm app: nginx reaches it through its router container, whose bridge
 * address is what an engine restart changes. Here the app's config is made to point at another
 * container's address, as it would be once the router came back elsewhere and another container
 * took its old address; the router's restart (its start event) makes `proxy:watch` re-point the
 * app to the router's address of now, and `ps:restore` does the same.
 */
const RUN = nginxAvailable() && canDeploy;
if (!RUN)
  console.warn("skipping the swarm router re-point e2e test: it needs /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 120_000;
const SETUP_TIMEOUT = 660_000;
const APP = `swarm-rp-${process.pid}`;
const DOMAIN = `swarm-rp-${process.pid}.test`;
const NETWORK = `dokku-swarm-${APP}`;

describe.skipIf(!RUN)("a swarm app's router at a new address", () => {
  const roots = tempRoots();
  const port = freeLoopbackPort();
  let leaveSwarm: (() => Promise<void>) | undefined;
  let nginx: TestNginx;
  let client: DockerClient;
  let env: Record<string, string>;
  let filler: string | undefined;

  const page = () =>
    nginx.get(port, `${APP}.${DOMAIN}`, "/version").catch((error: Error) => ({ status: 0, body: error.message }));
  const config = () => join(roots.env.DOKKU_ROOT as string, APP, "nginx.conf");
  async function mustDokku(...args: string[]): Promise<string> {
    const result = await runDokku(args, { env });
    if (result.exitCode !== 0)
      throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  }
  async function routerAddress(): Promise<{ id: string; address: string }> {
    const [router] = await client.listContainers({
      filters: { label: [`com.dokku.app-name=${APP}`, "com.dokku.container-type=router"], status: ["running"] },
    });
    if (!router) throw new Error("no running router");
    return { id: router.Id, address: router.NetworkSettings.Networks.bridge?.IPAddress ?? "" };
  }
  /** The app's config pointed at the filler container instead of the router, live. */
  async function pointAtFiller(): Promise<void> {
    const fillerAddress =
      (await client.getContainer(filler as string).inspect()).NetworkSettings.Networks.bridge?.IPAddress ?? "";
    const { address } = await routerAddress();
    writeFileSync(
      config(),
      readFileSync(config(), "utf8").replaceAll(`server ${address}:`, `server ${fillerAddress}:`),
    );
    process.kill(nginx.pid, "SIGHUP");
    await until(async () => (await page()).body === "filler\n", "nginx to serve the stale config");
  }
  async function until(probe: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
    for (const deadline = Date.now() + ms; !(await probe()); await Bun.sleep(100)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; the page is ${JSON.stringify(await page())}`);
    }
  }

  beforeAll(async () => {
    leaveSwarm = await enterSwarm();
    client = await dockerClient();
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    await mustDokku("domains:set-global", DOMAIN);
    await mustDokku("nginx:set", "--global", "bind-address-ipv4", "127.0.0.1");
    await mustDokku("apps:create", APP);
    await mustDokku("ports:set", APP, `http:${port}:5000`);
    await mustDokku("scheduler:set", APP, "selected", "swarm");
    const deployed = await deployArchive(env, APP, appArchive(APP));
    if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}${deployed.stderr}`);
    // what took the router's old address: another container answering on the same port
    const container = await client.createContainer({
      Image: "dokku-test/busybox:latest",
      Cmd: ["sh", "-c", "mkdir -p /www && echo filler > /www/version && exec httpd -f -p 5000 -h /www"],
      Labels: { "com.dokku.test": APP },
      HostConfig: { Init: true },
    });
    await container.start();
    filler = container.id;
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    try {
      await runDokku(["apps:destroy", APP, "--force"], { env }).catch(() => undefined);
      if (filler)
        await client
          .getContainer(filler)
          .remove({ force: true })
          .catch(() => undefined);
      await removeAppLeftovers(client, APP);
      for (const service of await client
        .listServices({ filters: { label: [`com.dokku.app-name=${APP}`] } })
        .catch(() => []))
        await client
          .getService(service.ID)
          .remove()
          .catch(() => undefined);
      await client
        .getNetwork(NETWORK)
        .remove()
        .catch(() => undefined);
    } finally {
      await leaveSwarm?.();
      await nginx?.[Symbol.asyncDispose]();
      roots[Symbol.dispose]();
    }
  }, TIMEOUT);

  test(
    "ps:restore points nginx at the router's address of now",
    async () => {
      expect(await page()).toEqual({ status: 200, body: `${APP}\n` });
      await pointAtFiller();
      const restored = await runDokku(["ps:restore", APP], { env });
      expect({ exitCode: restored.exitCode, stderr: restored.stderr }).toEqual({
        exitCode: 0,
        stderr: ` !     App ${APP} already running\n`,
      });
      expect(await page()).toEqual({ status: 200, body: `${APP}\n` });
      expect(readFileSync(config(), "utf8")).toContain(`server ${(await routerAddress()).address}:5000;`);
    },
    TIMEOUT,
  );

  test(
    "proxy:watch re-points the app when its router restarts",
    async () => {
      // a stale config before it starts: its first full pass re-points it
      await pointAtFiller();
      await using watcher = startWatcher(env);
      await watcher.waitFor(new RegExp(`Re-pointed ${APP} to `));
      expect(await page()).toEqual({ status: 200, body: `${APP}\n` });
      // stale again while it runs: only the router's start event can make it re-point now
      await pointAtFiller();
      await client.getContainer((await routerAddress()).id).restart({ t: 1 });
      await watcher.waitFor(new RegExp(`Re-pointed ${APP} to [\\s\\S]*Re-pointed ${APP} to `));
      await until(async () => (await page()).body === `${APP}\n`, "nginx to serve the re-pointed config");
      expect(readFileSync(config(), "utf8")).toContain(`server ${(await routerAddress()).address}:5000;`);
    },
    TIMEOUT,
  );
});
