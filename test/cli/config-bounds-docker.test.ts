import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cronTaskId } from "../../src/builders/cron-id";
import { CONTAINER_ENV_BOUNDS } from "../../src/core/env-bounds";
import type { DockerClient } from "../../src/executors/docker/client";
import { runDokku, tempRoots, type RunResult } from "../harness";
import { deployArchive } from "../plugins/cleanup/fixture";
import { tarOf } from "../archive-fixtures";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";

const app = `bounds-${process.pid}`;
const KIB = 1024;
const TIMEOUT = 90_000;
const CRON = { command: "echo tick", schedule: "@daily" };
const REFUSAL = ` !     Value of BIG is ${100 * KIB} bytes; config values are limited to 65536 bytes`;

/** A Dockerfile app serving its version, with a predeploy task and a cron entry in app.json. */
function appArchive(version: string): Uint8Array {
  const dockerfile = [
    "FROM dokku-test/busybox:latest",
    `RUN mkdir -p /www && echo ${version} > /www/version`,
    'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
    "",
  ].join("\n");
  const appJson = { scripts: { dokku: { predeploy: "true" } }, cron: [CRON] };
  return tarOf([
    { name: "Dockerfile", body: dockerfile },
    { name: "app.json", body: JSON.stringify(appJson) },
  ]);
}

describe.skipIf(!haveDocker)("config past the bounds against the real engine (issue 12)", () => {
  const roots = tempRoots();
  const env = roots.env;
  const envFile = join(env.DOKKU_LIB_ROOT as string, "config", app, "ENV");
  let client: DockerClient;

  /** Containers of the app Docker created while `run` ran (from the engine's event log). */
  async function createdDuring(run: () => Promise<RunResult>): Promise<{ result: RunResult; created: string[] }> {
    const start = Date.now();
    const result = await run();
    const until = Math.floor(Date.now() / 1000) + 1;
    const stream = await client.getEvents({
      since: Math.floor(start / 1000),
      until,
      filters: { type: ["container"], event: ["create"], label: [`com.dokku.app-name=${app}`] },
    });
    let text = "";
    for await (const chunk of stream) text += Buffer.from(chunk as Buffer).toString("utf8");
    const events = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { timeNano: number; Actor: { Attributes: { name: string } } });
    return {
      result,
      created: events.filter((event) => event.timeNano >= start * 1e6).map((event) => event.Actor.Attributes.name),
    };
  }

  /** The running web container's release label and the version it serves over HTTP. */
  async function serving(): Promise<{ release: string; body: string }[]> {
    const infos = await client.listContainers({
      filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web"] },
    });
    return Promise.all(
      infos.map(async (info) => {
        const address = Object.values(info.NetworkSettings.Networks)[0]?.IPAddress ?? "";
        const body = await (await fetch(`http://${address}:5000/version`)).text();
        return { release: info.Labels["com.dokku.release-id"] ?? "", body };
      }),
    );
  }

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    setSettleSeconds(env.DOKKU_LIB_ROOT as string, 1);
    const first = await deployArchive(env, app, appArchive("v1"));
    if (first.exitCode !== 0) throw new Error(`first deploy failed: ${first.stderr}`);
  }, TIMEOUT);

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test(
    "a value over the bound written to the store fails the deploy naming the key, before any app container, and v1 keeps serving",
    async () => {
      mkdirSync(join(envFile, ".."), { recursive: true });
      writeFileSync(envFile, `export BIG='${"x".repeat(100 * KIB)}'\n`);
      const { result, created } = await createdDuring(() => deployArchive(env, app, appArchive("v2")));
      expect({
        exitCode: result.exitCode,
        refused: result.stderr.includes(`${REFUSAL}\n`),
        docker431: `${result.stdout}${result.stderr}`.includes("431"),
        created,
      }).toEqual({
        exitCode: 1,
        refused: true,
        docker431: false,
        created: [],
      });
      expect(await serving()).toEqual([{ release: "1", body: "v1\n" }]);
    },
    TIMEOUT,
  );

  test(
    "run, run:detached, cron:run and ps:rebuild refuse the same way, creating no container",
    async () => {
      writeFileSync(envFile, `export BIG='${"x".repeat(100 * KIB)}'\n`);
      const commands = [
        ["run", app, "env"],
        ["run:detached", app, "env"],
        ["cron:run", app, cronTaskId(app, CRON.command, CRON.schedule)],
        ["ps:rebuild", app],
      ];
      const outcomes: Record<string, { exitCode: number; refused: boolean; created: string[] }> = {};
      for (const command of commands) {
        const { result, created } = await createdDuring(() => runDokku(command, { env }));
        outcomes[command[0] as string] = {
          exitCode: result.exitCode,
          refused: result.stderr.includes(`${REFUSAL}\n`),
          created,
        };
      }
      const refused = { exitCode: 1, refused: true, created: [] };
      expect(outcomes).toEqual({ run: refused, "run:detached": refused, "cron:run": refused, "ps:rebuild": refused });
      expect(await serving()).toEqual([{ release: "1", body: "v1\n" }]);
    },
    TIMEOUT,
  );

  test(
    "once the value is unset, the app deploys again",
    async () => {
      expect((await runDokku(["--quiet", "config:unset", "--no-restart", app, "BIG"], { env })).exitCode).toBe(0);
      const result = await deployArchive(env, app, appArchive("v3"));
      expect(result.exitCode).toBe(0);
      expect((await serving()).map((web) => web.body)).toEqual(["v3\n"]);
    },
    TIMEOUT,
  );

  test(
    "env a deploy adds past the bounds (a docker-options env file) fails it before the app's containers are created",
    async () => {
      const envFileOption = join(roots.dir, "big.env");
      writeFileSync(envFileOption, `${"BIG=".concat("x".repeat(100 * KIB))}\n`);
      expect(
        (await runDokku(["docker-options:add", app, "deploy", `--env-file ${envFileOption}`], { env })).exitCode,
      ).toBe(0);
      const { result, created } = await createdDuring(() => runDokku(["ps:rebuild", app], { env }));
      await runDokku(["docker-options:clear", app, "deploy"], { env });
      expect({
        exitCode: result.exitCode,
        refused: result.stderr.includes(`${REFUSAL}\n`),
        appContainers: created.filter((name) => name.startsWith(`${app}.`)),
      }).toEqual({
        exitCode: 1,
        refused: true,
        appContainers: [],
      });
      expect((await serving()).map((web) => web.body)).toEqual(["v3\n"]);
    },
    TIMEOUT,
  );

  test(
    "releases:rollback refuses to restore a config snapshot past the bounds, changing nothing",
    async () => {
      const snapshot = join(env.DOKKU_LIB_ROOT as string, "data/releases", app, "1.env");
      writeFileSync(snapshot, `export BIG='${"x".repeat(100 * KIB)}'\n`);
      const before = await Bun.file(envFile).text();
      const result = await runDokku(["releases:rollback", app, "v1"], { env });
      expect({
        exitCode: result.exitCode,
        refused: result.stderr.includes(`${REFUSAL}\n`),
        config: await Bun.file(envFile).text(),
      }).toEqual({ exitCode: 1, refused: true, config: before });
      expect((await serving()).map((web) => web.body)).toEqual(["v3\n"]);
    },
    TIMEOUT,
  );
});

describe.skipIf(!haveDocker)("the container bounds sit below the engine's limits", () => {
  /** Creates (through dockerode, as the product does), starts and waits for a container with `env`. */
  async function runWithEnv(
    env: string[],
  ): Promise<{ created: boolean; status?: number; error?: string; output?: string }> {
    const client = await docker();
    let id: string | undefined;
    try {
      const container = await client.createContainer({
        Image: "dokku-test/busybox:latest",
        Cmd: ["true"],
        Env: env,
        Labels: { "com.dokku.app-name": `bounds-probe-${process.pid}` },
      });
      id = container.id;
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const output = (await container.logs({ stdout: true, stderr: true }))
        .toString("latin1")
        .replace(/[\x00-\x08]/g, "")
        .trim();
      return { created: true, status: StatusCode, output };
    } catch (error) {
      return { created: false, error: String((error as { statusCode?: number }).statusCode) };
    } finally {
      if (id)
        await client
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined);
    }
  }

  test(
    "an environment at the container bounds, in the costliest encoding, starts; one value of 128 KiB cannot exec; 2 MiB of env is refused with 431",
    async () => {
      // `"` is 3 bytes once URL-encoded into the query string dockerode sends: the worst case
      const bound = CONTAINER_ENV_BOUNDS;
      const full = Math.floor(bound.totalBytes / (bound.valueBytes + 8));
      const lines = Array.from({ length: full }, (_, at) => `${"K".repeat(6)}${at}=${'"'.repeat(bound.valueBytes)}`);
      const used = lines.reduce((sum, line) => sum + line.length, 0);
      lines.push(`REST=${'"'.repeat(bound.totalBytes - used - 5)}`);
      expect(lines.reduce((sum, line) => sum + line.length, 0)).toBe(bound.totalBytes);
      expect({
        atBounds: await runWithEnv(lines),
        tooLong: await runWithEnv([`BIG=${"x".repeat(128 * KIB)}`]),
        request: await runWithEnv([`BIG=${"x".repeat(2048 * KIB)}`]),
      }).toEqual({
        atBounds: { created: true, status: 0, output: "" },
        tooLong: { created: true, status: 1, output: expect.stringContaining("argument list too long") },
        request: { created: false, error: "431" },
      });
    },
    TIMEOUT,
  );
});
