import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildAsPlugin } from "../../sdk/assemblyscript/scripts/build";
import { runDokku, tempDir, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { deployArchive } from "./fixtures/archive-deploy";
import { BUSYBOX_APP } from "./fixtures/git-work";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { sandboxesLeft } from "./sandbox-processes";
import { canDeploy } from "../machine";

/**
 * Issue 5's adversarial plugins, built from source (test/e2e/fixtures/hostile-plugins), installed
 * with plugin:install and run by a real deploy of the busybox app behind a real nginx: each
 * hostile post-deploy handler (a notify trigger) is contained and named with its why while the
 * deploy, the well-behaved `keeper` and the app carry on; a hostile nginx-snippet handler (a
 * collect trigger) fails the operation it guards and the previous config and release keep serving.
 */
const RUN = nginxAvailable() && canDeploy;
if (!RUN) console.warn("skipping hostile plugin e2e tests: they need /usr/sbin/nginx and /var/run/docker.sock");

const FIXTURES = join(import.meta.dir, "fixtures", "hostile-plugins");
const BUILD_TIMEOUT = 120_000;
const TIMEOUT = 60_000;
const APP = `hostile-${process.pid}`;
const DOMAIN = `hostile-${process.pid}.test`;
const HOST = `${APP}.${DOMAIN}`;
/** The only host sneaker is granted: not the one it tries. */
const GRANTED_HOST = "hooks.example.com";
const SECRET = `kept by keeper for ${APP}`;

/** Each plugin with the grants it is installed with (tripwire comes later, for the guarding case). */
const POST_DEPLOY_PLUGINS: Record<string, string[]> = {
  bloater: [],
  flooder: [],
  garbler: [],
  keeper: ["--allow-store"],
  looper: [],
  sneaker: ["--allow-config", `--allow-net=${GRANTED_HOST}`],
  snooper: ["--allow-store"],
  trapper: [],
};
const HOSTILE = ["bloater", "flooder", "garbler", "looper", "sneaker", "snooper", "trapper", "tripwire"];
const TRAP = "wasm trap: unreachable code should not be executed";

/** What each hostile post-deploy handler is refused with; `url` is where sneaker tries to post. */
function expectedFailures(url: URL): string[] {
  const why: Record<string, string> = {
    bloater: "ran out of memory (limit 16 MiB)",
    flooder: "output is larger than 1 MiB (2097154 bytes)",
    garbler: 'output is not JSON: "this is { not json"',
    looper: "timed out after 1000 ms",
    sneaker: `dokku_http to ${url.host} is not allowed (plugin sneaker may reach: ${GRANTED_HOST})`,
    snooper: `dokku_store_get: invalid key "../../keeper/${APP}/secret" (expected [a-z0-9][a-z0-9_.-]{0,63})`,
    trapper: TRAP,
  };
  return Object.entries(why).map(([name, message]) => ` !     plugin ${name} failed on post-deploy: ${message}`);
}

/** A server on 127.0.0.1 (port 0) counting the requests it gets: where sneaker tries to post. */
function listener(): { url: URL; requests: string[] } & Disposable {
  const requests: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response("ok");
    },
  });
  return {
    url: new URL(`http://127.0.0.1:${server.port}/steal`),
    requests,
    [Symbol.dispose]: () => void server.stop(true),
  };
}

describe.skipIf(!RUN)("hostile WASM plugins through the compiled binary", () => {
  const roots = tempRoots();
  const built = tempDir("dokku-hostile-built-");
  const target = listener();
  const httpPort = freeLoopbackPort();
  let nginx: TestNginx;
  let env: Record<string, string>;

  const dokku = (...args: string[]) => runDokku(args, { env });
  async function must(...args: string[]): Promise<string> {
    const result = await dokku(...args);
    if (result.exitCode !== 0) throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stderr}`);
    return result.stdout;
  }
  /** Deploys the busybox app with `page` as its index.html through `git:from-archive`. */
  function deploy(page: string): Promise<RunResult> {
    const check = { type: "startup", name: "page", path: "/", attempts: 5, wait: 1 };
    const appJson = { formation: { web: { quantity: 1 }, worker: { quantity: 0 } }, healthchecks: { web: [check] } };
    return deployArchive(
      APP,
      BUSYBOX_APP,
      { "www/index.html": `${page}\n`, "app.json": `${JSON.stringify(appJson)}\n` },
      env,
    );
  }
  /** The page through nginx by Host header, on a new connection. */
  const page = () => nginx.get(httpPort, HOST).catch((error: unknown) => ({ status: 0, body: String(error) }));
  const appNginxConf = () => readFileSync(join(roots.env.DOKKU_ROOT as string, APP, "nginx.conf"), "utf8");
  const keeperSecret = () => {
    const path = join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "keeper", APP, "secret");
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  };
  async function webContainer(): Promise<{ id: string; running: boolean; release: string }> {
    const inspected = await (await docker()).getContainer(`${APP}.web.1`).inspect();
    return {
      id: inspected.Id,
      running: inspected.State.Running,
      release: inspected.Config.Labels["com.dokku.release-id"] ?? "",
    };
  }

  beforeAll(async () => {
    // with the kit's build script, as a plugin author would; the nine builds share one asc
    await Promise.all(
      [...Object.keys(POST_DEPLOY_PLUGINS), "tripwire"].map((name) =>
        buildAsPlugin(join(FIXTURES, name), join(built.path, name)),
      ),
    );
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    for (const [name, grants] of Object.entries(POST_DEPLOY_PLUGINS))
      await must("plugin:install", join(built.path, name), ...grants);
    await must("checks:set", "--global", "wait-to-retire", "0");
    await must("domains:set-global", DOMAIN);
    await must("nginx:set", "--global", "bind-address-ipv4", "127.0.0.1");
    await must("nginx:set", "--global", "bind-address-ipv6", "::1");
    await must("apps:create", APP);
    await must("ports:set", APP, `http:${httpPort}:5000`);
    await must("config:set", "--no-restart", APP, `SNEAK_URL=${target.url.href}`);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    await removeAppLeftovers(await docker(), APP);
    target[Symbol.dispose]();
    built[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "a deploy carries on past seven hostile post-deploy handlers, naming each with its why; keeper and the app work",
    async () => {
      const started = performance.now();
      const deployed = await deploy("first release");
      const seconds = (performance.now() - started) / 1000;
      expect({
        exitCode: deployed.exitCode,
        stderr: deployed.stderr,
        keeperSaid: deployed.stdout.includes(`-----> keeper kept a secret for ${APP}\n`),
        snooperSaw: deployed.stdout.includes("-----> snooper found nothing under secret\n"),
        sneakerGotThrough: deployed.stdout.includes("sneaker got through"),
        keeperSecret: keeperSecret(),
        snooperStored: existsSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "snooper")),
        sneakerSent: target.requests,
        container: (await webContainer()).running,
        page: await page(),
        sandboxes: await sandboxesLeft(),
        nginx: nginx.errorLog(),
      }).toEqual({
        exitCode: 0,
        stderr: `${expectedFailures(target.url).join("\n")}\n`,
        keeperSaid: true,
        snooperSaw: true,
        sneakerGotThrough: false,
        keeperSecret: SECRET,
        snooperStored: false,
        sneakerSent: [],
        container: true,
        page: { status: 200, body: "first release\n" },
        sandboxes: [],
        nginx: "",
      });
      // the looper's deadline is 1 s, the bloater dies at its address-space limit: no hang
      expect(seconds).toBeLessThan(30);
    },
    TIMEOUT,
  );

  test("snooper reads its own property under keeper's key, and a key with / or .. is refused naming the plugin, reading nothing", async () => {
    const own = await dokku("snooper:peek", APP, "secret");
    const refused = await Promise.all(
      ["../keeper", `../../keeper/${APP}/secret`, "keeper/secret", ".."].map((key) => dokku("snooper:peek", APP, key)),
    );
    const invalid = (key: string) =>
      ` !     plugin snooper failed on snooper:peek: dokku_store_get: invalid key ${JSON.stringify(key)} (expected [a-z0-9][a-z0-9_.-]{0,63})\n`;
    expect({ own, refused, keeperSecret: keeperSecret(), sandboxes: await sandboxesLeft() }).toEqual({
      own: { stdout: "-----> snooper found nothing under secret\n", stderr: "", exitCode: 0 },
      refused: ["../keeper", `../../keeper/${APP}/secret`, "keeper/secret", ".."].map((key) => ({
        stdout: "",
        stderr: invalid(key),
        exitCode: 1,
      })),
      keeperSecret: SECRET,
      sandboxes: [],
    });
  });

  test(
    "a trapping nginx-snippet handler fails proxy:build-config and a redeploy naming it; the previous config and release keep serving",
    async () => {
      await must("plugin:install", join(built.path, "tripwire"), "--allow-nginx");
      const configBefore = appNginxConf();
      const containerBefore = await webContainer();

      const rebuilt = await dokku("proxy:build-config", APP);
      const afterRebuild = { config: appNginxConf() === configBefore, page: await page() };
      const redeployed = await deploy("second release");

      expect({
        rebuilt,
        afterRebuild,
        redeployed: { exitCode: redeployed.exitCode, stderr: redeployed.stderr },
        postDeployRan: redeployed.stdout.includes("keeper kept a secret"),
        configKept: appNginxConf() === configBefore,
        container: await webContainer(),
        page: await page(),
        sandboxes: await sandboxesLeft(),
      }).toEqual({
        rebuilt: { stdout: "", stderr: ` !     plugin tripwire failed on nginx-snippet: ${TRAP}\n`, exitCode: 1 },
        afterRebuild: { config: true, page: { status: 200, body: "first release\n" } },
        redeployed: { exitCode: 1, stderr: ` !     plugin tripwire failed on nginx-snippet: ${TRAP}\n` },
        postDeployRan: false,
        configKept: true,
        container: containerBefore,
        page: { status: 200, body: "first release\n" },
        sandboxes: [],
      });
    },
    TIMEOUT,
  );

  test(
    "with the hostile plugins disabled a redeploy is clean: no warnings, keeper still runs, the new release serves",
    async () => {
      for (const name of HOSTILE) await must("plugin:disable", name);
      const deployed = await deploy("second release");
      expect({
        exitCode: deployed.exitCode,
        stderr: deployed.stderr,
        keeperSaid: deployed.stdout.includes(`-----> keeper kept a secret for ${APP}\n`),
        hostileSaid: HOSTILE.filter((name) => deployed.stdout.includes(name) || deployed.stderr.includes(name)),
        container: (await webContainer()).running,
        page: await page(),
        sandboxes: await sandboxesLeft(),
      }).toEqual({
        exitCode: 0,
        stderr: "",
        keeperSaid: true,
        hostileSaid: [],
        container: true,
        page: { status: 200, body: "second release\n" },
        sandboxes: [],
      });
    },
    TIMEOUT,
  );
});
