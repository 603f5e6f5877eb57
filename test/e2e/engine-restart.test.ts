import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tryLock } from "../../src/store/file-lock";
import { runDokku, tempRoots } from "../harness";
import { appArchive, deployArchive } from "../plugins/cleanup/fixture";
import { setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { privateDockerdAvailable, startPrivateDockerd, type PrivateDockerd } from "./private-dockerd";
import { startWatcher, type Watcher } from "./watcher";

/**
 * Issue 12 item 11, for real: two apps behind a real nginx, their containers on a Docker engine
 * of this test's own (the shared engine is never restarted). The engine is SIGKILLed and started
 * again so that the apps' containers come back with each other's addresses; then the nginx
 * configs route each Host to the OTHER app until something re-points them: `ps:restore`, or the
 * `proxy:watch` watcher on Docker's event stream, without any command.
 */
const RUN = privateDockerdAvailable() && nginxAvailable();
if (!RUN) console.warn("skipping engine-restart e2e tests: they need root, dockerd, containerd and nginx");

const TIMEOUT = 120_000;
/** How long the watcher may take to re-point after the engine is back (a bound, not a sleep). */
const REPOINT_WITHIN_MS = 30_000;
const A = `er-a-${process.pid}`;
const B = `er-b-${process.pid}`;
const DOMAIN = `engine-${process.pid}.test`;

describe.skipIf(!RUN)("after the Docker engine restarts, every Host reaches its own app (issue 12 item 11)", () => {
  const roots = tempRoots();
  const port = freeLoopbackPort();
  let engine: PrivateDockerd;
  let nginx: TestNginx;
  let env: Record<string, string>;

  const page = (app: string) =>
    nginx.get(port, `${app}.${DOMAIN}`, "/version").catch((error: Error) => ({ status: 0, body: error.message }));
  /** What each Host answers now. */
  const pages = async () => ({ [A]: await page(A), [B]: await page(B) });
  const own = () => ({ [A]: { status: 200, body: `${A}\n` }, [B]: { status: 200, body: `${B}\n` } });
  const swapped = () => ({ [A]: { status: 200, body: `${B}\n` }, [B]: { status: 200, body: `${A}\n` } });

  async function mustDokku(...args: string[]): Promise<string> {
    const result = await runDokku(args, { env });
    if (result.exitCode !== 0)
      throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  }

  /** The app's one web container on the private engine: its id and bridge address. */
  async function web(app: string): Promise<{ id: string; address: string }> {
    const infos = await engine.docker.listContainers({
      all: true,
      filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web"] },
    });
    expect(infos).toHaveLength(1);
    const inspected = await engine.docker.getContainer((infos[0] as { Id: string }).Id).inspect();
    return { id: inspected.Id, address: inspected.NetworkSettings.Networks.bridge?.IPAddress ?? "" };
  }

  async function running(id: string): Promise<void> {
    for (
      const deadline = Date.now() + 30_000;
      !(await engine.docker.getContainer(id).inspect()).State.Running;
      await Bun.sleep(50)
    ) {
      if (Date.now() > deadline)
        throw new Error(`container ${id.slice(0, 12)} did not come back:\n${engine.log().slice(-3000)}`);
    }
  }

  /**
   * Makes A's and B's containers trade addresses. The one holding the lower address is stopped
   * by hand (the engine then leaves it stopped), so the other one, coming back alone, takes the
   * lowest free address, the first one's; then the first one starts and takes the other's.
   * With `crash`, the other one comes back by its restart policy after the engine was
   * SIGKILLed and started again; without, it is restarted by hand.
   */
  async function swapAddresses(crash: boolean): Promise<void> {
    const before = { a: await web(A), b: await web(B) };
    const [low, high] = [before.a, before.b].sort((x, y) =>
      x.address.localeCompare(y.address, "en", { numeric: true }),
    ) as [typeof before.a, typeof before.a];
    // its restart policy off first: on-failure would bring back even a container stopped by hand
    const policy = (await engine.docker.getContainer(low.id).inspect()).HostConfig.RestartPolicy;
    await engine.docker.getContainer(low.id).update({ RestartPolicy: { Name: "no" } });
    await engine.docker.getContainer(low.id).stop({ t: 1 });
    if (crash) {
      await engine.crashAndRestart();
    } else {
      await engine.docker.getContainer(high.id).stop({ t: 1 });
      await engine.docker.getContainer(high.id).start();
    }
    await running(high.id);
    await engine.docker.getContainer(low.id).update({ RestartPolicy: policy });
    await engine.docker.getContainer(low.id).start();
    await running(low.id);
    const after = { a: await web(A), b: await web(B) };
    // the setup really swapped them: each app's container has the other's old address
    expect({ a: after.a.address, b: after.b.address }).toEqual({ a: before.b.address, b: before.a.address });
  }

  async function untilPages(
    expected: Record<string, { status: number; body: string }>,
    timeoutMs: number,
    watcher?: Watcher,
  ): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; ; await Bun.sleep(100)) {
      const now = await pages();
      if (Bun.deepEquals(now, expected)) return;
      if (Date.now() > deadline)
        expect({ pages: now, watcher: watcher?.output() }).toEqual({ pages: expected, watcher: watcher?.output() });
    }
  }

  beforeAll(async () => {
    engine = await startPrivateDockerd();
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env, DOCKER_HOST: engine.host };
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    await mustDokku("domains:set-global", DOMAIN);
    await mustDokku("nginx:set", "--global", "bind-address-ipv4", "127.0.0.1");
    for (const app of [A, B]) {
      await mustDokku("apps:create", app);
      await mustDokku("ports:set", app, `http:${port}:5000`);
      const deployed = await deployArchive(env, app, appArchive(app));
      if (deployed.exitCode !== 0) throw new Error(`deploy of ${app} failed:\n${deployed.stdout}${deployed.stderr}`);
    }
    expect(await pages()).toEqual(own());
  }, TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    await engine?.[Symbol.asyncDispose]();
    roots[Symbol.dispose]();
  });

  test(
    "after a crash and restart of the engine each Host answers with the other app, until ps:restore re-points every app",
    async () => {
      await swapAddresses(true);
      // the hazard this fixes: nothing re-pointed nginx, so each domain serves the other app
      expect(await pages()).toEqual(swapped());

      const restored = await runDokku(["ps:restore"], { env });
      expect({ exitCode: restored.exitCode, stderr: restored.stderr }).toEqual({
        exitCode: 0,
        stderr: [
          " !     Restore specified without app, assuming --all",
          " !     Running restore in serial mode",
          ` !     App ${A} already running`,
          ` !     App ${B} already running`,
          "",
        ].join("\n"),
      });
      expect(await pages()).toEqual(own());
      // run again, it changes nothing (the configs are already right): no reload
      const again = await runDokku(["ps:restore", A], { env });
      expect({ exitCode: again.exitCode, reloaded: again.stdout.includes("Reloading nginx") }).toEqual({
        exitCode: 0,
        reloaded: false,
      });
    },
    TIMEOUT,
  );

  test(
    "a proxy switch naming another app's container, or an address nothing holds, is refused naming it; the config stays",
    async () => {
      const config = join(roots.env.DOKKU_ROOT as string, A, "nginx.conf");
      const before = await Bun.file(config).text();
      const other = await web(B);
      const payload = (address: string) =>
        JSON.stringify({ app: A, processType: "web", upstreams: [{ dyno: "web.1", address, port: 5000 }] });
      const refused = await runDokku(["plugin:trigger", "proxy-switch", payload(other.address)], { env });
      const nowhere = await runDokku(
        ["plugin:trigger", "proxy-switch", payload(`${engine.gateway.replace(/\.1$/, ".250")}`)],
        { env },
      );
      expect(
        [refused, nowhere].map((result) => ({
          exitCode: result.exitCode,
          result: JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "null"),
        })),
      ).toEqual([
        {
          exitCode: 0,
          result: {
            allowed: false,
            reason: `Refusing to route ${A} to an address that is not one of its running web containers:\n${other.address} (web.1): ${B}.web.1 holds this address, but it belongs to app ${B}`,
            source: "nginx",
          },
        },
        {
          exitCode: 0,
          result: {
            allowed: false,
            reason: `Refusing to route ${A} to an address that is not one of its running web containers:\n${engine.gateway.replace(/\.1$/, ".250")} (web.1): no running container of ${A} has this address`,
            source: "nginx",
          },
        },
      ]);
      expect(await Bun.file(config).text()).toBe(before);
      expect(await pages()).toEqual(own());
    },
    TIMEOUT,
  );

  test(
    "after ps:stop the app's Host answers 502, even once another app's container took the address it had",
    async () => {
      const before = { [A]: await web(A), [B]: await web(B) };
      const [stopped, other] =
        (before[A] as { address: string }).address.localeCompare((before[B] as { address: string }).address, "en", {
          numeric: true,
        }) < 0
          ? [A, B]
          : [B, A];
      await mustDokku("ps:stop", stopped);
      // the other app's container comes back alone and takes the lowest free address: the stopped app's
      const id = (before[other] as { id: string }).id;
      await engine.docker.getContainer(id).stop({ t: 1 });
      await engine.docker.getContainer(id).start();
      expect((await web(other)).address).toBe((before[stopped] as { address: string }).address);
      expect(await page(stopped)).toMatchObject({ status: 502 });
      await mustDokku("proxy:build-config", other);
      expect(await page(other)).toEqual({ status: 200, body: `${other}\n` });
      expect(await page(stopped)).toMatchObject({ status: 502 });
      await mustDokku("ps:start", stopped);
      expect(await pages()).toEqual(own());
    },
    TIMEOUT,
  );

  test(
    "proxy:watch re-points both apps after the engine crashed and came back, without any command",
    async () => {
      await using watcher = startWatcher(env);
      await watcher.waitFor(/Connected to the Docker engine/);
      await swapAddresses(true);
      await watcher.waitFor(/Lost the Docker engine/);
      await untilPages(own(), REPOINT_WITHIN_MS, watcher);
      expect(watcher.output()).toContain(`-----> Re-pointed ${A}`);
      expect(watcher.output()).toContain(`-----> Re-pointed ${B}`);
      // one line per outage, however many reconnection attempts it took
      expect(watcher.output().match(/Lost the Docker engine/g)).toHaveLength(1);
      watcher.child.kill("SIGTERM");
      expect(await watcher.child.exited).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "a watcher SIGKILLed while addresses change is succeeded by one whose first full pass re-points them; a second watcher exits 0 at once",
    async () => {
      {
        await using first = startWatcher(env);
        await first.waitFor(/Connected to the Docker engine/);
        first.child.kill("SIGKILL");
        await first.child.exited;
      }
      await swapAddresses(false);
      expect(await pages()).toEqual(swapped());
      // what a watcher killed halfway through a rebuild leaves: the empty deploy lock marker, no flock
      const marker = join(roots.env.DOKKU_LIB_ROOT as string, "data", "apps", A, ".deploy.lock");
      writeFileSync(marker, "");
      expect((await runDokku(["apps:locked", A], { env })).exitCode).toBe(0);

      await using watcher = startWatcher(env);
      await untilPages(own(), REPOINT_WITHIN_MS, watcher);
      expect(existsSync(marker)).toBe(false);
      const second = await runDokku(["proxy:watch"], { env });
      expect(second).toEqual({ exitCode: 0, stdout: "", stderr: "" });
      expect(watcher.child.exitCode).toBeNull();
    },
    TIMEOUT,
  );

  test(
    "a re-point nginx refuses is tried again, the old config serving meanwhile, and goes through once nginx accepts",
    async () => {
      await using watcher = startWatcher(env);
      await watcher.waitFor(/Connected to the Docker engine/);
      // something else in nginx's config breaks every `nginx -t` (not an app: no valid app name)
      const broken = join(roots.env.DOKKU_ROOT as string, "ZZ_broken");
      mkdirSync(broken);
      writeFileSync(join(broken, "nginx.conf"), "this is not nginx;\n");
      try {
        await swapAddresses(false);
        await watcher.waitFor(
          new RegExp(
            `Could not re-point ${A}: nginx refused the new config \\(the old one stays live\\)[\\s\\S]*; trying again`,
          ),
        );
        expect(await pages()).toEqual(swapped());
      } finally {
        rmSync(broken, { recursive: true, force: true });
      }
      await untilPages(own(), REPOINT_WITHIN_MS, watcher);
    },
    TIMEOUT,
  );

  test(
    "the watcher leaves an app a live deploy holds alone and re-points it once the deploy is over; an apps:lock marker is no deploy and stays",
    async () => {
      await using watcher = startWatcher(env);
      await watcher.waitFor(/Connected to the Docker engine/);
      await mustDokku("apps:lock", A);
      // what a running deploy of B holds: the flock on its deploy lock
      const deploy = tryLock(join(roots.env.DOKKU_LIB_ROOT as string, "data", "apps", B, ".deploy.lock"), undefined, {
        removeOnRelease: true,
      });
      if (!deploy) throw new Error("could not take the deploy lock");
      try {
        await swapAddresses(false);
        await watcher.waitFor(new RegExp(`${B} is being deployed`));
        await untilPages(
          { [A]: { status: 200, body: `${A}\n` }, [B]: { status: 200, body: `${A}\n` } },
          REPOINT_WITHIN_MS,
          watcher,
        );
      } finally {
        deploy.release();
      }
      await untilPages(own(), REPOINT_WITHIN_MS, watcher);
      expect((await runDokku(["apps:locked", A], { env })).exitCode).toBe(0);
      expect((await runDokku(["apps:locked", B], { env })).exitCode).not.toBe(0);
      await mustDokku("apps:unlock", A);
    },
    TIMEOUT,
  );
});
