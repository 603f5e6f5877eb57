import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../../src/executors/docker/client";
import type { RetireEntry } from "../../../src/plugins/scheduler/shared/retire-queue";
import { tryLock } from "../../../src/store/file-lock";
import { runDokku, tempRoots } from "../../harness";
import {
  buildTestImage,
  docker,
  haveDocker,
  removeAppLeftovers,
  saveCurrentRelease,
  setSettleSeconds,
  testRelease,
} from "./fixture";

const app = `sched-retire-${process.pid}`;
const WEB = { web: "httpd -f -p $PORT -h /www" };

describe.skipIf(!haveDocker)("retiring old containers (wait-to-retire, ps:retire) and checks:run", () => {
  const roots = tempRoots();
  const env = roots.env;
  const lib = env.DOKKU_LIB_ROOT as string;
  const queueDir = join(lib, "data/scheduler-docker-local/_retire");
  let client: DockerClient;
  let image: string;

  /** name -> [id, state] of the app's containers. */
  async function containers(): Promise<Record<string, [string, string]>> {
    const infos = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
    return Object.fromEntries(infos.map((info) => [(info.Names[0] ?? "").slice(1), [info.Id, info.State]]));
  }

  async function webId(): Promise<string> {
    return ((await containers())[`${app}.web.1`] ?? [""])[0];
  }

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    image = await buildTestImage(client, app);
    saveCurrentRelease(lib, testRelease(app, image, WEB, 1));
    setSettleSeconds(lib, 1);
    await runDokku(["ps:scale", app, "web=1"], { env });
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("retires the old containers at once with wait-to-retire 0", async () => {
    const oldId = await webId();
    const restart = await runDokku(["ps:restart", app], { env });
    const after = await containers();
    expect({
      exitCode: restart.exitCode,
      retired: restart.stdout.includes(`       Attempting to retire ${app} container ${oldId.slice(0, 12)}\n`),
      names: Object.keys(after),
    }).toEqual({
      exitCode: 0,
      retired: true,
      names: [`${app}.web.1`],
    });
    expect([(after[`${app}.web.1`] ?? [""])[0] === oldId, readdirSync(queueDir)]).toEqual([false, []]);
  });

  test("keeps the old container running after the deploy's process ended, until ps:retire runs once its time has come", async () => {
    await runDokku(["checks:set", app, "wait-to-retire", "2"], { env });
    const oldId = await webId();
    const restart = await runDokku(["ps:restart", app], { env });
    const newId = await webId();
    const waiting = await containers();
    const entry = JSON.parse(readFileSync(join(queueDir, `${oldId}.json`), "utf8")) as RetireEntry;
    const early = await runDokku(["ps:retire", app], { env });
    const stillWaiting = await containers();
    await Bun.sleep(Math.max(0, entry.retireAt - Date.now()) + 50);
    const due = await runDokku(["ps:retire"], { env });
    expect({
      exitCode: restart.exitCode,
      scheduled: restart.stdout.includes("-----> Shutting down old containers in 2 seconds\n"),
      waiting: Object.entries(waiting).map(([name, [id, state]]) => [
        name.replace(/retiring-\d+-[0-9a-f]+$/, "retiring-<time>-<id>"),
        id === oldId ? "old" : id === newId ? "new" : id,
        state,
      ]),
      entry: { ...entry, retireAt: typeof entry.retireAt },
      early,
      stillWaiting: Object.values(stillWaiting)
        .map(([id]) => id)
        .sort(),
      due,
      after: Object.keys(await containers()),
      queue: readdirSync(queueDir),
    }).toEqual({
      exitCode: 0,
      scheduled: true,
      waiting: [
        [`${app}.web.1`, "new", "running"],
        [`${app}.web.1.retiring-<time>-<id>`, "old", "running"],
      ],
      entry: { id: oldId, app, name: `${app}.web.1`, retireAt: "number", stopTimeout: 30 },
      early: { stdout: "-----> Retiring old containers and images\n", stderr: "", exitCode: 0 },
      stillWaiting: [oldId, newId].sort(),
      due: {
        stdout: `-----> Retiring old containers and images\n       Attempting to retire ${app} container ${oldId.slice(0, 12)}\n`,
        stderr: "",
        exitCode: 0,
      },
      after: [`${app}.web.1`],
      queue: [],
    });
  });

  test("ps:retire fails with Dokku's status 137 while another run holds the retire lock, and retires nothing", async () => {
    using _held = tryLock(join(lib, "data/scheduler-docker-local/_retire.lock"));
    const result = await runDokku(["ps:retire"], { env });
    expect(result).toEqual({ stdout: "", stderr: " !     Failed to acquire ps:retire lock\n", exitCode: 137 });
  });

  test("refuses ps:retire of a missing app", async () => {
    expect(await runDokku(["ps:retire", "nope"], { env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });

  test("checks:run runs the current release's checks against the running containers", async () => {
    const all = await runDokku(["checks:run", app], { env });
    const one = await runDokku(["checks:run", app, "web.1"], { env });
    const badIndex = await runDokku(["checks:run", app, "web.3"], { env });
    const badType = await runDokku(["checks:run", app, "clock"], { env });
    const expected = `-----> Running pre-flight checks\n-----> Running checks for app (${app}.web.1)\n       Waiting for 1 seconds ...\n       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)\n       Healthcheck succeeded name='port listening check' (web.1)\n       All checks successful (web.1)\n`;
    expect({ all, one, badIndex, badType }).toEqual({
      all: { stdout: expected, stderr: "", exitCode: 0 },
      one: { stdout: expected, stderr: "", exitCode: 0 },
      badIndex: {
        stdout: "-----> Running pre-flight checks\n",
        stderr: ` !     Invalid container index specified (${app}.web.3)\n`,
        exitCode: 1,
      },
      badType: {
        stdout: "-----> Running pre-flight checks\n",
        stderr: ` !     Invalid process type specified (${app}.clock)\n`,
        exitCode: 1,
      },
    });
  });

  test("checks:run fails naming the check when a container fails it", async () => {
    const current = Number(readFileSync(join(lib, "data/releases", app, "current"), "utf8").trim());
    const release = JSON.parse(readFileSync(join(lib, "data/releases", app, `${current}.json`), "utf8"));
    saveCurrentRelease(lib, {
      ...release,
      appJson: { healthchecks: { web: [{ type: "startup", name: "missing", path: "/nope", attempts: 1 }] } },
    });
    const result = await runDokku(["checks:run", app, "web"], { env });
    expect(result).toEqual({
      stdout: [
        "-----> Running pre-flight checks",
        `-----> Running checks for app (${app}.web.1)`,
        "       Running healthcheck name='missing' delay=0 path='/nope' retries=0 timeout=5 type='path' (web.1)",
        "       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)",
        "       Healthcheck succeeded name='port listening check' (web.1)",
        "",
      ].join("\n"),
      stderr: [
        " !     Failure in name='missing': GET /nope: expected a 2xx or 3xx status, got 404 (web.1)",
        " !     Could not start due to 1 failed checks (web.1)",
        ` !     Checks failed for ${app}.web.1: healthcheck name='missing' failed: GET /nope: expected a 2xx or 3xx status, got 404`,
        "",
      ].join("\n"),
      exitCode: 1,
    });
  });
});
