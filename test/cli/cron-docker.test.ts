import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cronTaskId } from "../../src/builders/cron-id";
import type { DockerClient } from "../../src/executors/docker/client";
import { DOKKU_BIN, runDokku, tempDir, tempRoots, type RunResult } from "../harness";
import { tarOf } from "../archive-fixtures";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";

const app = `cron-${process.pid}`;
const TIMEOUT = 90_000;
const ECHO = { command: "echo cron-ran-$FOO", schedule: "@daily" };
const FORBID = { command: "sleep 60", schedule: "*/5 * * * *", concurrency_policy: "forbid" };
const REPLACE = { command: "sleep 61", schedule: "*/10 * * * *", concurrency_policy: "replace" };
const id = (task: { command: string; schedule: string }) => cronTaskId(app, task.command, task.schedule);

/** A Dockerfile app on the busybox test image with `cron` in its app.json. */
function appArchive(cron: unknown[]): Uint8Array {
  const dockerfile = [
    "FROM dokku-test/busybox:latest",
    "RUN mkdir -p /www && echo ok > /www/index.html",
    'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
    "",
  ].join("\n");
  return tarOf([
    { name: "Dockerfile", body: dockerfile },
    { name: "app.json", body: JSON.stringify({ cron }) },
  ]);
}

async function deploy(env: Record<string, string>, bytes: Uint8Array): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, "git:from-archive", "--archive-type", "tar", app, "--"], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, ...env },
    stdin: new Blob([bytes]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

/** The app's cron containers: name -> [state, cron id label]. */
async function cronContainersOf(client: DockerClient): Promise<Record<string, [string, string]>> {
  const infos = await client.listContainers({
    all: true,
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=cron"] },
  });
  return Object.fromEntries(
    infos.map((info) => [(info.Names?.[0] ?? "").slice(1), [info.State, info.Labels?.["com.dokku.cron-id"] ?? ""]]),
  );
}

describe.skipIf(!haveDocker)("cron tasks of a deployed app in real containers", () => {
  const roots = tempRoots();
  const data = tempDir("dokku-cron-data-");
  const crontab = join(roots.dir, "crontab");
  const env = { ...roots.env, DOKKU_CRONTAB_FILE: crontab };
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    await runDokku(["config:set", "--no-restart", app, "FOO=bar"], { env });
    await runDokku(["storage:mount", app, `${data.path}:/data`], { env });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    data[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "a deploy writes the schedule; cron:run runs the task with the app's config and logs shows its output",
    async () => {
      const deployed = await deploy(env, appArchive([ECHO, FORBID, REPLACE]));
      expect({
        exitCode: deployed.exitCode,
        stderr: deployed.stderr,
        updated: deployed.stdout.includes("-----> Updated schedule file\n"),
      }).toEqual({ exitCode: 0, stderr: "", updated: true });
      const schedule = readFileSync(crontab, "utf8");
      const ran = await runDokku(["cron:run", app, id(ECHO)], { env });
      const logs = await runDokku(["logs", app, "-p", "cron"], { env });
      expect({
        lines: schedule.split("\n").filter((line) => line.includes(" cron:run ")),
        ran,
        logs: { ...logs, stdout: logs.stdout.replace(/^\S+Z /gm, "<time> ").replace(/cron\.\d+/g, "cron.N") },
        containers: Object.values(await cronContainersOf(client)),
      }).toEqual({
        lines: [
          `@daily ${DOKKU_BIN} cron:run ${app} ${id(ECHO)}`,
          `*/5 * * * * ${DOKKU_BIN} cron:run ${app} ${id(FORBID)}`,
          `*/10 * * * * ${DOKKU_BIN} cron:run ${app} ${id(REPLACE)}`,
        ],
        ran: { stdout: "cron-ran-bar\n", stderr: "", exitCode: 0 },
        logs: { stdout: "<time> app[cron.N]: cron-ran-bar\n", stderr: "", exitCode: 0 },
        containers: [["exited", id(ECHO)]],
      });
    },
    TIMEOUT,
  );

  test(
    "a detached run carries its labels and the app's mounts; forbid refuses a second run, replace stops the first",
    async () => {
      const detached = await runDokku(["cron:run", app, id(FORBID), "--detach"], { env });
      const name = detached.stdout.trim();
      const inspect = await client.getContainer(name).inspect();
      const second = await runDokku(["cron:run", app, id(FORBID)], { env });
      const firstReplace = (await runDokku(["cron:run", app, id(REPLACE), "--detach"], { env })).stdout.trim();
      const replaced = await runDokku(["cron:run", app, id(REPLACE), "--detach"], { env });
      const containers = await cronContainersOf(client);
      expect({
        name: /^cron-\d+\.cron\.\d+$/.test(name),
        labels: [
          inspect.Config.Labels["com.dokku.container-type"],
          inspect.Config.Labels["com.dokku.cron-id"],
          inspect.Config.Labels["com.dokku.concurrency-policy"],
        ],
        dyno: (inspect.Config.Env ?? [])
          .filter((line) => line.startsWith("DYNO=") || line.startsWith("FOO="))
          .map((line) => line.replace(/\d+$/, "N")),
        binds: inspect.HostConfig.Binds,
        second,
        replaced: { ...replaced, stdout: /^cron-\d+\.cron\.\d+\n$/.test(replaced.stdout) },
        firstReplaceGone: containers[firstReplace] === undefined,
        running: Object.values(containers)
          .filter(([state]) => state === "running")
          .map(([, label]) => label)
          .sort(),
      }).toEqual({
        name: true,
        labels: ["cron", id(FORBID), "forbid"],
        dyno: ["FOO=bar", "DYNO=cron.N"],
        binds: [`${data.path}:/data`],
        second: {
          stdout: "",
          stderr: ` !     ${app} currently has a cron lock in place for ${id(FORBID)}. Exiting...\n`,
          exitCode: 1,
        },
        replaced: { stdout: true, stderr: ` !     Replacing running container for ${id(REPLACE)}\n`, exitCode: 0 },
        firstReplaceGone: true,
        running: [id(FORBID), id(REPLACE)].sort(),
      });
    },
    TIMEOUT,
  );

  test(
    "a deploy whose app.json has a bad schedule fails before going live, naming the entry",
    async () => {
      const before = readFileSync(crontab, "utf8");
      const result = await deploy(env, appArchive([ECHO, { command: "echo x", schedule: "61 * * * *" }]));
      expect({
        exitCode: result.exitCode,
        error: result.stderr.split("\n").find((line) => line.includes("cron[")),
        crontab: readFileSync(crontab, "utf8") === before,
        tasks: JSON.parse((await runDokku(["cron:list", app, "--format", "json"], { env })).stdout).length,
        exists: existsSync(crontab),
      }).toEqual({
        exitCode: 1,
        error: " !     app.json: cron[1].schedule '61 * * * *' is invalid: Invalid value for minute: 61",
        crontab: true,
        tasks: 3,
        exists: true,
      });
    },
    TIMEOUT,
  );
});
