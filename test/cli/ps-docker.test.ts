import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DockerClient } from "../../src/executors/docker/client";
import { DOKKU_BIN, runDokku, tempRoots } from "../harness";
import {
  buildTestImage,
  containersOf,
  docker,
  haveDocker,
  PROCESSES,
  removeAppLeftovers,
  saveCurrentRelease,
  setSettleSeconds,
  testRelease,
} from "../plugins/scheduler-docker-local/fixture";

const app = `sched-cli-${process.pid}`;
const renamed = `${app}-b`;

/** name -> state, release of the app's containers. */
async function states(client: DockerClient, name: string): Promise<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(await containersOf(client, name)).map(([container, c]) => [container, `${c.state} r${c.release}`]),
  );
}

describe.skipIf(!haveDocker)("ps, logs, run, enter and apps:destroy against real containers", () => {
  const roots = tempRoots();
  const env = roots.env;
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    saveCurrentRelease(env.DOKKU_LIB_ROOT as string, testRelease(app, await buildTestImage(client, app), PROCESSES, 1));
    setSettleSeconds(env.DOKKU_LIB_ROOT as string, 1);
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    await removeAppLeftovers(client, renamed);
    roots[Symbol.dispose]();
  });

  test("ps:scale saves the scale and deploys the current release at it", async () => {
    const result = await runDokku(["ps:scale", app, "web=1", "worker=1"], { env });
    expect(result).toEqual({
      stdout: [
        `-----> Scaling ${app} processes: web=1 worker=1`,
        "-----> Deploying web (count=1)",
        "       Attempting pre-flight checks (web.1)",
        "-----> Deploying worker (count=1)",
        "       Attempting pre-flight checks (worker.1)",
        "       Waiting for 1 seconds ...",
        "       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)",
        "       Healthcheck succeeded name='port listening check' (web.1)",
        "       All checks successful (web.1)",
        "       All checks successful (worker.1)",
        "-----> Creating http nginx.conf",
        "       nginx is not running: the change applies when it starts",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    expect(await states(client, app)).toEqual({ [`${app}.web.1`]: "running r1", [`${app}.worker.1`]: "running r1" });
  });

  test("config:set restarts the app with the new environment; --no-restart does not", async () => {
    const restarted = await runDokku(["config:set", app, "FOO=baz"], { env });
    const kept = await runDokku(["config:set", "--no-restart", app, "BAR=1"], { env });
    const web = (await containersOf(client, app))[`${app}.web.1`];
    expect({
      restarted: restarted.stdout.includes(`-----> Restarting app ${app}\n`),
      kept: kept.stdout.includes("Restarting"),
      env: web?.env,
    }).toEqual({
      restarted: true,
      kept: false,
      env: ["FOO=baz", "DYNO=web.1", "PORT=5000"],
    });
  });

  test("logs prints a process type's lines, raw with -q", async () => {
    const raw = await runDokku(["logs", app, "-p", "worker", "-q", "-n", "5"], { env });
    const prefixed = await runDokku(["logs", app, "--ps", "worker"], { env });
    expect({ raw, prefixed: { ...prefixed, stdout: prefixed.stdout.replace(/^\S+Z /, "<time> ") } }).toEqual({
      raw: { stdout: "tick baz\n", stderr: "", exitCode: 0 },
      prefixed: { stdout: "<time> app[worker.1]: tick baz\n", stderr: "", exitCode: 0 },
    });
  });

  test("run passes the command's exit code and output through and leaves no container", async () => {
    const failed = await runDokku(["run", app, "sh", "-c", "echo $FOO $X; echo oops >&2; exit 7"], { env });
    const ok = await runDokku(["run", "--no-tty", "-e", "X=1", app, "sh", "-c", "echo $X"], { env });
    const left = await client.listContainers({
      all: true,
      filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=run"] },
    });
    expect({ failed, ok, left: left.length }).toEqual({
      failed: { stdout: "baz\n", stderr: "oops\n", exitCode: 7 },
      ok: { stdout: "1\n", stderr: "", exitCode: 0 },
      left: 0,
    });
  });

  test("logs -t follows the log until the client goes away", async () => {
    const child = Bun.spawn([DOKKU_BIN, "logs", app, "-t", "-q", "-p", "worker"], {
      env: { ...process.env, ...env },
      stdout: "pipe",
      stderr: "pipe",
    });
    const reader = child.stdout.getReader();
    let seen = "";
    while (!seen.includes("tick baz\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    child.kill("SIGHUP");
    expect({ seen, exitCode: await child.exited }).toEqual({ seen: "tick baz\n", exitCode: 0 });
  });

  test("run:detached prints the container's name and run:list shows it", async () => {
    const detached = await runDokku(["run:detached", app, "sleep", "30"], { env });
    const name = detached.stdout.trim();
    const list = await runDokku(["run:list", app, "--format", "json"], { env });
    const runs = JSON.parse(list.stdout) as Array<{ name: string; state: string; command: string }>;
    // sleep as PID 1 ignores SIGTERM: remove it now rather than wait for the stop timeout later
    await client.getContainer(name).remove({ force: true });
    expect({
      exitCode: detached.exitCode,
      pattern: /^sched-cli-\d+\.run\.\d+$/.test(name),
      runs: runs.map((run) => [run.name, run.state, run.command]),
    }).toEqual({
      exitCode: 0,
      pattern: true,
      runs: [[name, "running", "sleep 30"]],
    });
  });

  test("enter runs a command in the named container", async () => {
    const result = await runDokku(["enter", app, "web.1", "--", "sh", "-c", "echo $DYNO"], { env });
    const unknown = await runDokku(["enter", app, "clock"], { env });
    expect({ result, unknown }).toEqual({
      result: { stdout: "web.1\n", stderr: "", exitCode: 0 },
      unknown: {
        stdout: "",
        stderr: ` !     No containers found for type 'clock'\n !     Available types for app (${app}): web worker\n`,
        exitCode: 1,
      },
    });
  });

  test("ps:stop keeps the app stopped through ps:restore; ps:start runs it again", async () => {
    const stop = await runDokku(["ps:stop", app], { env });
    const stopped = await states(client, app);
    const restore = await runDokku(["ps:restore", app], { env });
    const start = await runDokku(["ps:start", app], { env });
    expect({ stop, stopped, restore, start: start.exitCode, started: await states(client, app) }).toEqual({
      stop: { stdout: `-----> Stopping ${app}\n`, stderr: "", exitCode: 0 },
      // r2: the config:set above made release 2 (config changes are releases)
      stopped: { [`${app}.web.1`]: "exited r2", [`${app}.worker.1`]: "exited r2" },
      restore: {
        stdout: "",
        stderr: ` !     Skipping ps:restore for ${app} as restore property is false\n`,
        exitCode: 0,
      },
      start: 0,
      started: { [`${app}.web.1`]: "running r2", [`${app}.worker.1`]: "running r2" },
    });
  });

  test("apps:rename moves the containers to the new name", async () => {
    const result = await runDokku(["apps:rename", app, renamed], { env });
    expect({
      exitCode: result.exitCode,
      old: await states(client, app),
      renamed: await states(client, renamed),
    }).toEqual({
      exitCode: 0,
      old: {},
      renamed: { [`${renamed}.web.1`]: "running r2", [`${renamed}.worker.1`]: "running r2" },
    });
  });

  test("apps:destroy removes the app's containers and images", async () => {
    // back to the original name: the image is named and labelled for it (a rename keeps images as they are)
    await runDokku(["apps:rename", renamed, app], { env });
    const result = await runDokku(["apps:destroy", app, "--force"], { env });
    const containers = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
    const images = await client.listImages({ filters: { reference: [`dokku/${app}`] } });
    expect({ exitCode: result.exitCode, stderr: result.stderr, containers, images }).toEqual({
      exitCode: 0,
      stderr: "",
      containers: [],
      images: [],
    });
  });
});
