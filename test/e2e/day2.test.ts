import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { deployArchive } from "./fixtures/archive-deploy";
import { canDeploy } from "../machine";

const RUN = canDeploy;
const TIMEOUT = 60_000;
/** Dockerfile (FROM the busybox test image, `ARG GREETING` baked into /greeting) and www/; each deploy adds its Procfile and app.json. */
const APP_FIXTURE = join(import.meta.dir, "fixtures", "day2", "app");
const STATEFUL = `day2-data-${process.pid}`;
const SERVER = `day2-a-${process.pid}`;
const CLIENT = `day2-b-${process.pid}`;
const LIMITED = `day2-limits-${process.pid}`;
const NETWORK = `day2-net-${process.pid}`;
const DIRECTORY = `day2-${process.pid}`;
const HTTPD = "httpd -f -p $PORT -h /app/www";

/** app.json: one web process whose startup check passes once httpd answers (so the Procfile's first steps have run). */
const APP_JSON = {
  formation: { web: { quantity: 1 } },
  healthchecks: { web: [{ type: "startup", name: "httpd", path: "/", attempts: 10, wait: 1 }] },
};

/** Deploys the fixture with `web` as its Procfile web command through `git:from-archive`. */
function deploy(env: Record<string, string>, app: string, web: string): Promise<RunResult> {
  return deployArchive(
    app,
    APP_FIXTURE,
    { Procfile: `web: ${web}\n`, "app.json": `${JSON.stringify(APP_JSON)}\n` },
    env,
  );
}

/** Runs dokku and throws (with its stderr) unless it exits 0; returns stdout. */
async function must(env: Record<string, string>, args: string[]): Promise<string> {
  const result = await runDokku(args, { env });
  if (result.exitCode !== 0)
    throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function mustDeploy(env: Record<string, string>, app: string, web: string): Promise<void> {
  const result = await deploy(env, app, web);
  if (result.exitCode !== 0) throw new Error(`deploy of ${app} exited ${result.exitCode}: ${result.stderr}`);
}

/** docker inspect of the app's running web container. */
async function webContainer(app: string) {
  const client = await docker();
  const [info] = await client.listContainers({
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web", "com.dokku.container-type=deploy"] },
  });
  if (!info) throw new Error(`${app} has no running web container`);
  return await client.getContainer(info.Id).inspect();
}

describe.skipIf(!RUN)("day-2 plugins through the binary with real containers", () => {
  const roots = tempRoots();
  const env = roots.env;
  const lib = (...parts: string[]) => join(env.DOKKU_LIB_ROOT as string, ...parts);

  beforeAll(async () => {
    await must(env, ["checks:set", "--global", "wait-to-retire", "0"]);
    for (const app of [STATEFUL, SERVER, CLIENT, LIMITED]) await must(env, ["apps:create", app]);
  });

  afterAll(async () => {
    const client = await docker();
    for (const app of [STATEFUL, SERVER, CLIENT, LIMITED]) await removeAppLeftovers(client, app);
    await client
      .getNetwork(NETWORK)
      .remove()
      .catch(() => undefined);
    roots[Symbol.dispose]();
  });

  test(
    "a mounted storage entry keeps its data across two deploys and a rollback, and `run` sees it",
    async () => {
      const host = lib("data", "storage", DIRECTORY);
      const ensured = await runDokku(["storage:create", DIRECTORY, "--chown", "herokuish"], { env });
      const mounted = await runDokku(["storage:mount", STATEFUL, DIRECTORY, "--container-dir", "/data"], { env });
      await mustDeploy(env, STATEFUL, `sh -c 'echo v1 >> /data/log; ${HTTPD}'`);
      await mustDeploy(env, STATEFUL, `sh -c 'echo v2 >> /data/log; ${HTTPD}'`);
      const rollback = await runDokku(["releases:rollback", STATEFUL, "v1"], { env });
      const run = await runDokku(["run", STATEFUL, "cat", "/data/log"], { env });
      const web = await webContainer(STATEFUL);
      expect({
        ensured,
        mounted,
        rollback: { stderr: rollback.stderr, exitCode: rollback.exitCode },
        release: web.Config.Labels["com.dokku.release-id"],
        binds: web.HostConfig.Binds,
        onHost: existsSync(join(host, "log")) ? readFileSync(join(host, "log"), "utf8") : "(no file)",
        run,
      }).toEqual({
        ensured: {
          stdout: `       Created ${host}\n       Setting directory ownership to 32767:32767\n-----> Storage entry ${DIRECTORY} created\n`,
          stderr: "",
          exitCode: 0,
        },
        mounted: {
          stdout: `-----> Storage entry ${DIRECTORY} mounted at /data on ${STATEFUL}\n`,
          stderr: "",
          exitCode: 0,
        },
        rollback: { stderr: "", exitCode: 0 },
        release: "3",
        binds: [`${host}:/data`],
        onHost: "v1\nv2\nv1\n",
        run: { stdout: "v1\nv2\nv1\n", stderr: "", exitCode: 0 },
      });
    },
    TIMEOUT,
  );

  test(
    "two apps attached to one network reach each other by <app>.web, and the network cannot be destroyed while they use it",
    async () => {
      const created = await runDokku(["network:create", NETWORK], { env });
      await must(env, ["network:set", SERVER, "attach-post-create", NETWORK]);
      await must(env, ["network:set", CLIENT, "attach-post-create", NETWORK]);
      await Promise.all([mustDeploy(env, SERVER, HTTPD), mustDeploy(env, CLIENT, HTTPD)]);
      const server = await webContainer(SERVER);
      const address = server.NetworkSettings.Networks[NETWORK]?.IPAddress ?? "";
      // busybox wget crashes on some name lookups in the test image: resolve with nslookup, fetch by address.
      const probe = `busybox nslookup ${SERVER}.web | grep -q 'Address: ${address}$' && wget -qO- http://${address}:5000/`;
      const reached = await runDokku(["run", CLIENT, "sh", "-c", probe], { env });
      const destroy = await runDokku(["network:destroy", NETWORK, "--force"], { env });
      const stillThere = await runProgram(["docker", "network", "inspect", "-f", "{{.Name}}", NETWORK]);
      expect({
        created,
        address: /^\d+\.\d+\.\d+\.\d+$/.test(address),
        reached,
        destroy,
        stillThere: stillThere.stdout,
      }).toEqual({
        created: { stdout: `-----> Creating network ${NETWORK}\n`, stderr: "", exitCode: 0 },
        address: true,
        reached: { stdout: "day2 app\n", stderr: "", exitCode: 0 },
        destroy: {
          stdout: "",
          stderr: ` !     Unable to destroy network: ${NETWORK} is used by ${[SERVER, CLIENT]
            .sort()
            .map((app) => `app ${app} (attach-post-create)`)
            .join(", ")}\n`,
          exitCode: 1,
        },
        stillThere: `${NETWORK}\n`,
      });
    },
    TIMEOUT,
  );

  test(
    "resource limits and deploy docker-options reach the web container after ps:rebuild, build docker-options reach the image",
    async () => {
      await mustDeploy(env, LIMITED, HTTPD);
      const before = await runDokku(["run", LIMITED, "cat", "/greeting"], { env });
      await must(env, ["resource:limit", LIMITED, "--memory", "64m", "--cpu", "0.5"]);
      await must(env, ["docker-options:add", LIMITED, "deploy", "--add-host example.test:10.9.9.9"]);
      await must(env, ["docker-options:add", LIMITED, "build", "--build-arg GREETING=hi"]);
      const rebuilt = await runDokku(["ps:rebuild", LIMITED], { env });
      const web = await webContainer(LIMITED);
      const after = await runDokku(["run", LIMITED, "cat", "/greeting"], { env });
      expect({
        before,
        rebuilt: { stderr: rebuilt.stderr, exitCode: rebuilt.exitCode },
        release: web.Config.Labels["com.dokku.release-id"],
        memory: web.HostConfig.Memory,
        nanoCpus: web.HostConfig.NanoCpus,
        extraHosts: web.HostConfig.ExtraHosts,
        after,
      }).toEqual({
        before: { stdout: "unset\n", stderr: "", exitCode: 0 },
        rebuilt: { stderr: "", exitCode: 0 },
        release: "2",
        memory: 67108864,
        nanoCpus: 500000000,
        extraHosts: ["example.test:10.9.9.9"],
        after: { stdout: "hi\n", stderr: "", exitCode: 0 },
      });
    },
    TIMEOUT,
  );
});
