import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../src/executors/docker/client";
import type { RetireEntry } from "../../src/plugins/scheduler/shared/retire-queue";
import { runDokku, tempRoots } from "../harness";
import { docker, haveDocker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";

const MINUTE = 60_000;
const shop = `overdue-shop-${process.pid}`;
const blog = `overdue-blog-${process.pid}`;
const LATE = "is the ps:retire timer running?";

/** The report's `Ps retire overdue:` lines, with the alignment padding squeezed. */
function overdueLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => line.includes("retire overdue"))
    .map((line) => line.replace(/:\s+/, ": "));
}

describe.skipIf(!haveDocker)("ps:report and report say when retirement is overdue (issue 12)", () => {
  const roots = tempRoots();
  const env = roots.env;
  const queueDir = join(env.DOKKU_LIB_ROOT as string, "data/scheduler-docker-local/_retire");
  let client: DockerClient;

  /** A running container of `app`, as an old one waiting in the queue would be. */
  async function oldContainer(app: string): Promise<string> {
    const container = await client.createContainer({
      Image: "dokku-test/busybox:latest",
      Cmd: ["sleep", "600"],
      Labels: { "com.dokku.app-name": app },
    });
    await container.start();
    return container.id;
  }

  /** Queues `id` to retire `minutesAgo` minutes ago (negative: in the future). */
  function queue(id: string, app: string, minutesAgo: number): void {
    mkdirSync(queueDir, { recursive: true });
    const entry: RetireEntry = {
      id,
      app,
      name: `${app}.web.1`,
      retireAt: Date.now() - minutesAgo * MINUTE,
      stopTimeout: 1,
    };
    writeFileSync(join(queueDir, `${id}.json`), `${JSON.stringify(entry)}\n`);
  }

  function clearQueue(): void {
    rmSync(queueDir, { recursive: true, force: true });
  }

  beforeAll(async () => {
    client = await docker();
    for (const app of [shop, blog]) await runDokku(["apps:create", app], { env });
  });

  afterAll(async () => {
    for (const app of [shop, blog]) await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("a queued container 12 minutes past its time is overdue: in the report, the flag, json, --global and dokku report", async () => {
    clearQueue();
    queue(await oldContainer(shop), shop, 12);
    const expected = `1 container (12 minutes past its time; ${LATE})`;
    const human = await runDokku(["ps:report", shop], { env });
    const flag = await runDokku(["ps:report", shop, "--ps-retire-overdue"], { env });
    const json = await runDokku(["ps:report", shop, "--format", "json"], { env });
    const global = await runDokku(["ps:report", "--global", "--ps-retire-overdue"], { env });
    const other = await runDokku(["ps:report", blog, "--ps-retire-overdue"], { env });
    const full = await runDokku(["report", shop], { env });
    const data = JSON.parse(json.stdout) as Record<string, string>;
    expect({
      human: [human.exitCode, overdueLines(human.stdout)],
      warning: human.stderr,
      flag,
      json: [json.exitCode, json.stderr, data["retire-overdue"], data["ps-retire-overdue"]],
      global: global.stdout,
      other: other.stdout,
      full: overdueLines(full.stdout),
    }).toEqual({
      human: [0, [`       Ps retire overdue: ${expected}`]],
      warning: ` !     1 old container is still there past the retire time (12 minutes): ${LATE} (install.sh sets it up: cron, or systemd's dokku-retire.timer)\n`,
      flag: { exitCode: 0, stdout: `${expected}\n`, stderr: "" },
      json: [0, "", expected, expected],
      global: `${expected}\n`,
      other: "false\n",
      full: [`       Ps retire overdue: ${expected}`],
    });
  });

  test("ps:report of every app warns once, for all their overdue containers", async () => {
    clearQueue();
    queue(await oldContainer(shop), shop, 5);
    queue(await oldContainer(blog), blog, 9);
    const all = await runDokku(["ps:report"], { env });
    expect({ exitCode: all.exitCode, stderr: all.stderr, lines: overdueLines(all.stdout) }).toEqual({
      exitCode: 0,
      stderr: ` !     2 old containers are still there past the retire time (oldest 9 minutes): ${LATE} (install.sh sets it up: cron, or systemd's dokku-retire.timer)\n`,
      lines: [
        `       Ps retire overdue: 1 container (9 minutes past its time; ${LATE})`,
        `       Ps retire overdue: 1 container (5 minutes past its time; ${LATE})`,
      ],
    });
  });

  test("a container within the slack, one not yet due, and one already gone are not overdue", async () => {
    clearQueue();
    queue(await oldContainer(shop), shop, 1.5); // past its time, but the next timer run is still to come
    queue(await oldContainer(shop), shop, -1);
    const gone = await oldContainer(shop);
    await client.getContainer(gone).remove({ force: true });
    queue(gone, shop, 30);
    const human = await runDokku(["ps:report", shop], { env });
    const json = await runDokku(["ps:report", shop, "--format", "json"], { env });
    expect({
      exitCode: human.exitCode,
      stderr: human.stderr,
      line: overdueLines(human.stdout),
      json: (JSON.parse(json.stdout) as Record<string, string>)["retire-overdue"],
    }).toEqual({ exitCode: 0, stderr: "", line: ["       Ps retire overdue: false"], json: "false" });
  });

  test("ps:retire clears what was overdue", async () => {
    clearQueue();
    const id = await oldContainer(shop);
    queue(id, shop, 12);
    const before = await runDokku(["ps:report", shop, "--ps-retire-overdue"], { env });
    const retire = await runDokku(["ps:retire"], { env });
    const after = await runDokku(["ps:report", shop, "--ps-retire-overdue"], { env });
    expect({ before: before.stdout, retire: retire.exitCode, after: after.stdout }).toEqual({
      before: `1 container (12 minutes past its time; ${LATE})\n`,
      retire: 0,
      after: "false\n",
    });
  });
});
