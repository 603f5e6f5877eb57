import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HealthCheck } from "../../../src/builders/app-json-types";
import type { DockerClient } from "../../../src/executors/docker/client";
import type { Release } from "../../../src/plugins/deploy/contracts";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { failedLogsPath } from "../../../src/plugins/scheduler/shared/properties";
import { dokkuErrorOfAsync, tempDir, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds, testRelease } from "./fixture";

const scheduler = schedulerNamed("docker-local");

const app = `sched-checks-${process.pid}`;

/** /www answers 200 "all good" on /cgi-bin/health; /bad answers 500 there. */
const GOOD = { web: "httpd -f -p $PORT -h /www" };
const BAD = { web: "httpd -f -p $PORT -h /bad" };

async function buildCheckImage(client: DockerClient): Promise<string> {
  using dir = tempDir("dokku-checks-image-");
  const cgi = (head: string, body: string) =>
    `#!/bin/sh\nprintf '${head}Content-Type: text/plain\\r\\n\\r\\n${body}\\n'\n`;
  writeFileSync(join(dir.path, "good"), cgi("", "all good"), { mode: 0o755 });
  writeFileSync(join(dir.path, "bad"), cgi("Status: 500 Internal Server Error\\r\\n", "broken"), { mode: 0o755 });
  writeFileSync(
    join(dir.path, "Dockerfile"),
    [
      "FROM dokku-test/busybox:latest",
      "COPY good /www/cgi-bin/health",
      "COPY bad /bad/cgi-bin/health",
      `LABEL com.dokku.app-name=${app}`,
      'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
      "",
    ].join("\n"),
  );
  const image = `dokku/${app}:v1`;
  const stream = await client.buildImage({ context: dir.path, src: ["Dockerfile", "good", "bad"] }, { t: image });
  await new Promise<void>((resolve, reject) =>
    client.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((entry) => entry.error);
      if (error || failed) reject(error ?? new Error(failed?.error));
      else resolve();
    }),
  );
  return image;
}

/** The scheduler's lines: the proxy's (nginx) are another plugin's, left out. */
function schedulerLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.includes("nginx"))
    .join("\n");
}

/** A health check of /cgi-bin/health, retried once a second later. */
function healthCheck(extra: Partial<HealthCheck> = {}): HealthCheck {
  return { type: "startup", name: "web check", path: "/cgi-bin/health", attempts: 2, wait: 1, ...extra };
}

describe.skipIf(!haveDocker)("docker-local deploy checks", () => {
  const roots = tempRoots();
  const { ctx, sink } = testContext(roots.env);
  let client: DockerClient;
  let image: string;
  let releaseId = 0;

  /** A release of the test image with the given Procfile, app.json healthchecks and CHECKS file. */
  function release(processes: Record<string, string>, checks?: HealthCheck[], checksFile?: string): Release {
    const base = testRelease(app, image, processes, ++releaseId);
    return {
      ...base,
      appJson: checks ? { healthchecks: { web: checks } } : {},
      ...(checksFile !== undefined ? { checksFile } : {}),
    };
  }

  /** name -> [id, release] of the app's containers. */
  async function containers(): Promise<Record<string, [string, string]>> {
    const infos = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
    return Object.fromEntries(
      infos.map((info) => [(info.Names[0] ?? "").slice(1), [info.Id, info.Labels["com.dokku.release-id"] ?? ""]]),
    );
  }

  beforeAll(async () => {
    client = await docker();
    image = await buildCheckImage(client);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    await scheduler.deploy(ctx, app, release(GOOD), { web: 1 });
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("a release whose web answers 500 on its health path never replaces the old one, and the error names the check", async () => {
    const before = await containers();
    sink.out = "";
    sink.err = "";
    const message = await dokkuErrorOfAsync(() =>
      scheduler.deploy(ctx, app, release(BAD, [healthCheck()]), { web: 1 }),
    );
    expect({
      message,
      before: Object.keys(before),
      after: await containers(),
      saved: existsSync(failedLogsPath(ctx, app)),
    }).toEqual({
      message:
        "Could not start web.1: healthcheck name='web check' failed: GET /cgi-bin/health: expected a 2xx or 3xx status, got 500\n(web.1 printed nothing)",
      before: [`${app}.web.1`],
      after: before,
      saved: true,
    });
    expect({ out: sink.out, err: sink.err }).toEqual({
      out: [
        "-----> Deploying web (count=1)",
        "       Attempting pre-flight checks (web.1)",
        "       Running healthcheck name='web check' delay=0 path='/cgi-bin/health' retries=1 timeout=5 type='path' (web.1)",
        "       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)",
        "       Healthcheck succeeded name='port listening check' (web.1)",
        "",
      ].join("\n"),
      err: [
        " !     Failure in name='web check': GET /cgi-bin/health: expected a 2xx or 3xx status, got 500 (web.1)",
        " !     Could not start due to 1 failed checks (web.1)",
        "",
      ].join("\n"),
    });
  });

  test("issue 14: a web process listening on another port fails its path check, and the port listening check says why", async () => {
    const before = await containers();
    sink.out = "";
    sink.err = "";
    const elsewhere = { web: "httpd -f -p 0.0.0.0:5001 -h /www" };
    const message = await dokkuErrorOfAsync(() =>
      scheduler.deploy(ctx, app, release(elsewhere, [healthCheck({ attempts: 1 })]), { web: 1 }),
    );
    expect({
      message: message.startsWith("Could not start web.1: healthcheck name='web check' failed: GET /cgi-bin/health:"),
      running: sink.out.includes(
        `       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)\n`,
      ),
      err: sink.err.split("\n").filter((line) => line.includes("port listening check")),
      after: await containers(),
    }).toEqual({
      message: true,
      running: true,
      err: [
        " !     Failure in name='port listening check': container listening on expected IPv4 interface with an unexpected port: expected=5000 actual=5001 (web.1)",
      ],
      after: before,
    });
  }, 60_000);

  test("fails when the expected content is missing from the answer", async () => {
    const before = await containers();
    const message = await dokkuErrorOfAsync(() =>
      scheduler.deploy(ctx, app, release(GOOD, [healthCheck({ content: "nope" })]), { web: 1 }),
    );
    expect({ message, after: await containers() }).toEqual({
      message: `Could not start web.1: healthcheck name='web check' failed: GET /cgi-bin/health: expected content "nope", got "all good"\n(web.1 printed nothing)`,
      after: before,
    });
  });

  test("fails on a command check that exits non-zero, and on a CHECKS file whose content is missing", async () => {
    const before = await containers();
    const command = await dokkuErrorOfAsync(() =>
      scheduler.deploy(
        ctx,
        app,
        release(GOOD, [{ type: "startup", name: "probe", command: ["sh", "-c", "exit 3"], attempts: 1 }]),
        { web: 1 },
      ),
    );
    // three attempts one second apart: under load httpd may not listen yet at the first one
    const checksFile = await dokkuErrorOfAsync(() =>
      scheduler.deploy(ctx, app, release(GOOD, undefined, "ATTEMPTS=3\nWAIT=1\n/cgi-bin/health  elsewhere\n"), {
        web: 1,
      }),
    );
    expect({ command, checksFile, after: await containers() }).toEqual({
      command:
        "Could not start web.1: healthcheck name='probe' failed: command 'sh -c exit 3': exited with code 3\n(web.1 printed nothing)",
      checksFile: `Could not start web.1: healthcheck name='check-1' failed: GET /cgi-bin/health: expected content "elsewhere", got "all good"\n(web.1 printed nothing)`,
      after: before,
    });
  });

  test("a passing check replaces the old container, which retires at once with wait-to-retire 0", async () => {
    const [oldId] = (await containers())[`${app}.web.1`] ?? [""];
    sink.out = "";
    sink.err = "";
    const good = release(GOOD, [healthCheck({ content: "all good" }), { type: "liveness", name: "alive", path: "/" }]);
    await scheduler.deploy(ctx, app, good, { web: 1 });
    const after = await containers();
    expect({
      out: schedulerLines(sink.out),
      err: sink.err,
      after: Object.values(after).map(([, releaseLabel]) => releaseLabel),
      names: Object.keys(after),
    }).toEqual({
      out: [
        "-----> Deploying web (count=1)",
        "       Attempting pre-flight checks (web.1)",
        "       Healthcheck name='alive' type='liveness' is not enforced by the docker-local scheduler",
        "       Running healthcheck name='web check' delay=0 path='/cgi-bin/health' retries=1 timeout=5 type='path' (web.1)",
        "       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)",
        "       Healthcheck succeeded name='web check' (web.1)",
        "       Healthcheck succeeded name='port listening check' (web.1)",
        "       All checks successful (web.1)",
        "-----> Shutting down old containers in 0 seconds",
        `       Attempting to retire ${app} container ${oldId.slice(0, 12)}`,
        "",
      ].join("\n"),
      err: "",
      after: [String(good.id)],
      names: [`${app}.web.1`],
    });
  });

  test("checks:skip deploys without checks, keeping zero downtime; a CHECKS file passes", async () => {
    ctx.store.set("checks", app, "skipped", "web");
    sink.out = "";
    const skipped = release(BAD, [healthCheck()]);
    await scheduler.deploy(ctx, app, skipped, { web: 1 });
    const skippedOut = sink.out;
    ctx.store.delete("checks", app, "skipped");
    const withFile = release(GOOD, undefined, "WAIT=1\n/cgi-bin/health all good\n");
    await scheduler.deploy(ctx, app, withFile, { web: 1 });
    expect({
      skippedOut: skippedOut.split("\n").slice(0, 3),
      after: Object.values(await containers()).map(([, releaseLabel]) => releaseLabel),
    }).toEqual({
      skippedOut: [
        "-----> Deploying web (count=1)",
        "       Attempting pre-flight checks (web.1)",
        "=====> Zero downtime checks have been skipped (web.1)",
      ],
      after: [String(withFile.id)],
    });
  });

  test("checks:disable stops the old containers first and deploys without checks", async () => {
    const [oldId] = (await containers())[`${app}.web.1`] ?? [""];
    ctx.store.set("checks", app, "disabled", "_all_");
    sink.out = "";
    const disabled = release(BAD, [healthCheck()]);
    await scheduler.deploy(ctx, app, disabled, { web: 1 });
    ctx.store.delete("checks", app, "disabled");
    expect({
      out: schedulerLines(sink.out),
      after: Object.values(await containers()).map(([, releaseLabel]) => releaseLabel),
    }).toEqual({
      out: [
        "-----> Deploying web (count=1)",
        "       Zero downtime is disabled, stopping currently running containers (web)",
        `       Stopping ${oldId.slice(0, 12)} (web)`,
        "-----> Shutting down old containers in 0 seconds",
        `       Attempting to retire ${app} container ${oldId.slice(0, 12)}`,
        "",
      ].join("\n"),
      after: [String(disabled.id)],
    });
  });
});
