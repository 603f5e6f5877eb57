import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deployArchive } from "../e2e/fixtures/archive-deploy";
import { BUSYBOX_APP } from "../e2e/fixtures/git-work";
import { runDokku, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { buildShipped } from "./as-host";
import { canDeploy } from "../machine";

const RUN = canDeploy;
const TIMEOUT = 120_000;
const APP = `notify-${process.pid}`;
const DENIED_APP = `notify-denied-${process.pid}`;
const OTHER_HOST = "hooks.example.com";
const FAILED_CHECK =
  "Could not start web.1: healthcheck name='probe' failed: command 'sh -c exit 3': exited with code 3";

interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | null;
  readonly body: unknown;
}

/** A webhook on 127.0.0.1 (port 0) recording every request it gets. */
function webhook(): { port: number; received: Received[]; stop(): void } {
  const received: Received[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      received.push({
        method: request.method,
        path: new URL(request.url).pathname,
        contentType: request.headers.get("content-type"),
        body,
      });
      return new Response("ok");
    },
  });
  return { port: server.port as number, received, stop: () => void server.stop(true) };
}

/** Deploys the busybox fixture app with `appJson` through `git:from-archive`. */
function deploy(env: Record<string, string>, app: string, appJson: unknown): Promise<RunResult> {
  return deployArchive(app, BUSYBOX_APP, { "app.json": `${JSON.stringify(appJson)}\n` }, env);
}

/** app.json: one web process whose startup check is `command` (`true` passes, `exit 3` fails). */
function withCheck(command: string[]): unknown {
  return {
    formation: { web: { quantity: 1 }, worker: { quantity: 0 } },
    healthchecks: { web: [{ type: "startup", name: "probe", command, attempts: 1 }] },
  };
}

async function must(args: string[], env: Record<string, string>): Promise<void> {
  const result = await runDokku(args, { env });
  if (result.exitCode !== 0) throw new Error(`dokku ${args.join(" ")} failed: ${result.stderr}`);
}

/** The highest release id recorded for `app`. */
function latestRelease(env: Record<string, string>, app: string): number {
  const dir = join(env.DOKKU_LIB_ROOT as string, "data", "releases", app);
  return Math.max(
    ...readdirSync(dir)
      .map((name) => Number.parseInt(name, 10))
      .filter(Number.isInteger),
  );
}

describe.skipIf(!RUN)("notify plugin through the binary", () => {
  const roots = tempRoots();
  const deniedRoots = tempRoots();
  const hook = webhook();
  const url = `http://127.0.0.1:${hook.port}/hook`;
  const stored = (app: string) => {
    const path = join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "notify", app, "url");
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  };

  beforeAll(async () => {
    const built = await buildShipped("notify");
    await must(["plugin:install", built.dir, "--allow-store", `--allow-net=127.0.0.1:${hook.port}`], roots.env);
    await must(["plugin:install", built.dir, "--allow-store", `--allow-net=${OTHER_HOST}`], deniedRoots.env);
    for (const [env, app] of [
      [roots.env, APP],
      [deniedRoots.env, DENIED_APP],
    ] as const) {
      await must(["apps:create", app], env);
      await must(["checks:set", "--global", "wait-to-retire", "0"], env);
    }
  }, TIMEOUT);

  afterAll(async () => {
    hook.stop();
    const client = await docker();
    await removeAppLeftovers(client, APP);
    await removeAppLeftovers(client, DENIED_APP);
    roots[Symbol.dispose]();
    deniedRoots[Symbol.dispose]();
  });

  test("refuses notify:set with a url that is not http(s), in one line, storing nothing", async () => {
    const result = await runDokku(["notify:set", APP, "url", "ftp://127.0.0.1/hook"], { env: roots.env });
    expect({ result, stored: stored(APP) }).toEqual({
      result: { stdout: "", stderr: " !     Invalid url: it must start with http:// or https://\n", exitCode: 1 },
      stored: undefined,
    });
  });

  test("sets the url and reports it in Dokku's layout, as one value, and as JSON", async () => {
    const set = await runDokku(["notify:set", APP, "url", url], { env: roots.env });
    const report = await runDokku(["notify:report", APP], { env: roots.env });
    const value = await runDokku(["notify:report", APP, "--notify-url"], { env: roots.env });
    const json = await runDokku(["notify:report", APP, "--format", "json"], { env: roots.env });
    const bad = await runDokku(["notify:report", APP, "--notify-token"], { env: roots.env });
    expect({ set, stored: stored(APP), report, value, json, bad }).toEqual({
      set: { stdout: `-----> Setting url to ${url}\n`, stderr: "", exitCode: 0 },
      stored: url,
      report: {
        stdout: `=====> ${APP} notify information\n       Notify url:                    ${url}\n`,
        stderr: "",
        exitCode: 0,
      },
      value: { stdout: `${url}\n`, stderr: "", exitCode: 0 },
      json: { stdout: `${JSON.stringify({ url })}\n`, stderr: "", exitCode: 0 },
      bad: { stdout: "", stderr: " !     Invalid flag passed, valid flags: --notify-url\n", exitCode: 1 },
    });
  });

  test(
    "POSTs one deploy message after a deploy, and a deploy-failed message when a check fails, without the reason it may not read",
    async () => {
      await must(["notify:set", APP, "url", url], roots.env);
      hook.received.length = 0;
      const deployed = await deploy(roots.env, APP, withCheck(["true"]));
      const afterDeploy = [...hook.received];
      const release = latestRelease(roots.env, APP);
      const failed = await deploy(roots.env, APP, withCheck(["sh", "-c", "exit 3"]));
      const afterFailure = hook.received.slice(afterDeploy.length);
      expect({
        deployed: deployed.exitCode,
        deployWarnings: deployed.stderr.split("\n").filter((line) => line.includes("notify")),
        afterDeploy,
        failed: failed.exitCode,
        afterFailure,
        reasonShown: failed.stderr.includes(` !     ${FAILED_CHECK}`),
      }).toEqual({
        deployed: 0,
        deployWarnings: [],
        afterDeploy: [
          {
            method: "POST",
            path: "/hook",
            contentType: "application/json",
            body: { app: APP, event: "deploy", release },
          },
        ],
        failed: 1,
        afterFailure: [
          {
            method: "POST",
            path: "/hook",
            contentType: "application/json",
            body: { app: APP, event: "deploy-failed", stage: "deploy", release: release + 1 },
          },
        ],
        reasonShown: true,
      });
    },
    TIMEOUT,
  );

  test(
    "a plugin allowed another host only: the deploy succeeds, warning that the POST was denied, and nothing is sent",
    async () => {
      await must(["notify:set", DENIED_APP, "url", url], deniedRoots.env);
      const before = hook.received.length;
      const deployed = await deploy(deniedRoots.env, DENIED_APP, withCheck(["true"]));
      expect({
        exitCode: deployed.exitCode,
        warnings: deployed.stderr.split("\n").filter((line) => line.includes("notify")),
        sent: hook.received.slice(before),
      }).toEqual({
        exitCode: 0,
        warnings: [
          ` !     plugin notify failed on post-deploy: dokku_http to 127.0.0.1:${hook.port} is not allowed (plugin notify may reach: ${OTHER_HOST})`,
        ],
        sent: [],
      });
    },
    TIMEOUT,
  );
});

describe("notify plugin's properties from before issue 12", () => {
  test(
    "a url kept at config/notify/<app> is read by notify:report and moved to config/plugins/notify/<app>",
    async () => {
      using roots = tempRoots();
      const built = await buildShipped("notify");
      await must(["plugin:install", built.dir, "--allow-store", `--allow-net=${OTHER_HOST}`], roots.env);
      await must(["apps:create", "kept"], roots.env);
      const lib = roots.env.DOKKU_LIB_ROOT as string;
      // where a store from before plugins had their own folder left it (0600, as the store writes)
      mkdirSync(join(lib, "config", "notify", "kept"), { recursive: true });
      writeFileSync(join(lib, "config", "notify", "kept", "url"), `https://${OTHER_HOST}/old`, { mode: 0o600 });
      const value = await runDokku(["notify:report", "kept", "--notify-url"], { env: roots.env });
      expect({
        value,
        legacy: existsSync(join(lib, "config", "notify")),
        moved: readFileSync(join(lib, "config", "plugins", "notify", "kept", "url"), "utf8"),
      }).toEqual({
        value: { stdout: `https://${OTHER_HOST}/old\n`, stderr: "", exitCode: 0 },
        legacy: false,
        moved: `https://${OTHER_HOST}/old`,
      });
    },
    TIMEOUT,
  );
});
