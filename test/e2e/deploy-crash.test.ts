import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { machine } from "../machine";

const RUN = nginxAvailable() && machine.baseImage;
if (!RUN) console.warn("skipping deploy crash tests: they need /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 180_000;
const DOMAIN = "crash.test";
/** The exit status of a process killed by SIGKILL, as Bun reports it. */
const KILLED = 137;

/** An image serving `body` on port 5000, labelled as the app's (the deploys' `git:from-image` source). */
async function buildWebImage(name: string, body: string): Promise<void> {
  using dir = tempDir("dokku-crash-image-");
  mkdirSync(join(dir.path, "www"));
  writeFileSync(join(dir.path, "www", "index.html"), body);
  writeFileSync(
    join(dir.path, "Dockerfile"),
    ["FROM dokku-test/busybox:latest", "COPY www /www", 'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]', ""].join(
      "\n",
    ),
  );
  const built = await runProgram(["docker", "build", "-q", "-t", name, dir.path]);
  if (built.exitCode !== 0) throw new Error(`docker build failed: ${built.stderr}`);
}

interface AppState {
  /** What nginx answers for the app's Host. */
  readonly served: { status: number; body: string };
  /** The release `current` names. */
  readonly current: string;
  /** Release id -> status of every record. */
  readonly records: Record<string, string>;
  /** Names of the app's deploy containers, with their release label and state. */
  readonly containers: string[];
  readonly journal: boolean;
}

/**
 * Each step of a deploy SIGKILLed (DOKKU_FAILPOINT), then the next command: the release
 * pointer, the containers that run and what nginx routes to agree again, the Host answers with
 * the current release's page, and the next deploy works. Real Docker and a real nginx.
 */
describe.skipIf(!RUN)("a deploy SIGKILLed at any step", () => {
  const roots = tempRoots();
  const port = freeLoopbackPort();
  const lib = roots.env.DOKKU_LIB_ROOT as string;
  const images: string[] = [];
  let nginx: TestNginx;
  let env: Record<string, string>;
  let serial = 0;

  const dokku = (args: string[], extra: Record<string, string> = {}): Promise<RunResult> =>
    runDokku(args, { env: { ...env, ...extra } });

  async function image(body: string): Promise<string> {
    const name = `dokku-crash-test/web:${process.pid}-${++serial}`;
    await buildWebImage(name, body);
    images.push(name);
    return name;
  }

  async function newApp(name: string): Promise<string> {
    const app = `${name}-${process.pid}`;
    expect(await dokku(["apps:create", app])).toMatchObject({ exitCode: 0 });
    return app;
  }

  /** A new app with v1 deployed and serving. */
  async function deployedApp(name: string): Promise<string> {
    const app = await newApp(name);
    expect(await deploy(app, "v1\n")).toMatchObject({ exitCode: 0 });
    return app;
  }

  /** Runs `work` while `path` is immutable (chattr +i: not even root can replace or add to it). */
  async function whileImmutable<T>(path: string, work: () => Promise<T>): Promise<T> {
    expect((await runProgram(["chattr", "+i", path])).exitCode).toBe(0);
    try {
      return await work();
    } finally {
      expect((await runProgram(["chattr", "-i", path])).exitCode).toBe(0);
    }
  }

  /** A deploy of a fresh image serving `body`, killed at `failpoint` (or not). */
  async function deploy(app: string, body: string, failpoint?: string): Promise<RunResult> {
    return dokku(["git:from-image", app, await image(body)], failpoint ? { DOKKU_FAILPOINT: failpoint } : {});
  }

  async function state(app: string): Promise<AppState> {
    const dir = join(lib, "data/releases", app);
    const records: Record<string, string> = {};
    for (const file of readdirSync(dir).filter((name) => /^\d+\.json$/.test(name))) {
      records[file.replace(".json", "")] = (
        JSON.parse(readFileSync(join(dir, file), "utf8")) as { status: string }
      ).status;
    }
    const client = await dockerClient();
    const infos = await client.listContainers({
      all: true,
      filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=deploy"] },
    });
    return {
      served: await nginx.get(port, `${app}.${DOMAIN}`),
      current: readFileSync(join(dir, "current"), "utf8").trim(),
      records,
      containers: infos
        .map((info) => `${(info.Names[0] ?? "").slice(1)} v${info.Labels["com.dokku.release-id"]} ${info.State}`)
        .sort(),
      journal: existsSync(join(lib, "data/scheduler-docker-local", app, "deploy.json")),
    };
  }

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    writeFileSync(join(roots.env.DOKKU_ROOT as string, "VHOST"), `${DOMAIN}\n`);
    mkdirSync(join(lib, "config", "checks", "--global"), { recursive: true });
    // one second of uptime passes the default check; old containers wait a minute to retire
    writeFileSync(join(lib, "config", "checks", "--global", "default-wait"), "1");
    writeFileSync(join(lib, "config", "checks", "--global", "wait-to-retire"), "60");
    expect(await dokku(["proxy:set", "--global", "proxy-port", String(port)])).toMatchObject({ exitCode: 0 });
    expect(await dokku(["nginx:set", "--global", "bind-address-ipv4", "127.0.0.1"])).toMatchObject({ exitCode: 0 });
    expect(await dokku(["nginx:set", "--global", "bind-address-ipv6", "::1"])).toMatchObject({ exitCode: 0 });
  }, TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    const client = await dockerClient();
    for (const app of readdirSync(roots.env.DOKKU_ROOT as string).filter((name) => name.endsWith(`-${process.pid}`)))
      await removeAppLeftovers(client, app);
    for (const name of images)
      await client
        .getImage(name)
        .remove({ force: true })
        .catch(() => undefined);
    roots[Symbol.dispose]();
  }, TIMEOUT);

  // killed before the commit point: the next command undoes the deploy, v1 serves
  for (const step of [
    "deploy:journal-written",
    "deploy:containers-started",
    "deploy:checks-passed",
    "nginx:config-written",
    "deploy:proxy-switched",
  ]) {
    test(
      `killed at ${step}: ps:retire undoes it, v1 serves and the next deploy works`,
      async () => {
        const app = await deployedApp(`undo-${step.replace(/[^a-z]/g, "")}`);
        const killed = await deploy(app, "v2\n", step);
        expect({ exitCode: killed.exitCode, said: killed.stderr.includes(`failpoint ${step}`) }).toEqual({
          exitCode: KILLED,
          said: true,
        });
        // an unrelated reload of nginx, as another app's deploy makes, loads whatever is on disk
        expect((await runProgram(["/usr/sbin/nginx", "-c", nginx.conf, "-s", "reload"])).exitCode).toBe(0);
        const retired = await dokku(["ps:retire"]);
        expect(retired.exitCode).toBe(0);
        expect(await state(app)).toEqual({
          served: { status: 200, body: "v1\n" },
          current: "1",
          records: { "1": "succeeded", "2": "failed" },
          containers: [`${app}.web.1 v1 running`],
          journal: false,
        });
        expect(await deploy(app, "v3\n")).toMatchObject({ exitCode: 0 });
        expect((await state(app)).served).toEqual({ status: 200, body: "v3\n" });
      },
      TIMEOUT,
    );
  }

  // killed at or after the commit point: the next command finishes the deploy, v2 serves
  for (const step of ["deploy:committed", "deploy:settled"]) {
    test(
      `killed at ${step}: the next deploy finishes it first, v2 serves until v3 does`,
      async () => {
        const app = await deployedApp(`finish-${step.replace(/[^a-z]/g, "")}`);
        expect((await deploy(app, "v2\n", step)).exitCode).toBe(KILLED);
        expect((await runProgram(["/usr/sbin/nginx", "-c", nginx.conf, "-s", "reload"])).exitCode).toBe(0);
        expect((await state(app)).served).toEqual({ status: 200, body: "v2\n" });
        // the next command on the app takes its deploy lock and settles what was left
        const third = await deploy(app, "v3\n");
        expect(third.exitCode).toBe(0);
        const after = await state(app);
        expect({
          served: after.served,
          current: after.current,
          records: after.records,
          journal: after.journal,
        }).toEqual({
          served: { status: 200, body: "v3\n" },
          current: "3",
          records: { "1": "succeeded", "2": "succeeded", "3": "succeeded" },
          journal: false,
        });
        // v1 and v2 wait to retire (wait-to-retire 60), renamed away; v3 holds the dyno's name
        expect(after.containers.filter((line) => !line.includes(".retiring-"))).toEqual([`${app}.web.1 v3 running`]);
      },
      TIMEOUT,
    );
  }

  test(
    "a first deploy killed after its proxy switch: undone, and its config no longer routes to its removed container",
    async () => {
      const app = await newApp("first");
      expect((await deploy(app, "v1\n", "deploy:proxy-switched")).exitCode).toBe(KILLED);
      expect(await dokku(["ps:retire"])).toMatchObject({ exitCode: 0 });
      const client = await dockerClient();
      const left = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
      expect({ left: left.length, served: (await nginx.get(port, `${app}.${DOMAIN}`)).status }).toEqual({
        left: 0,
        served: 502,
      });
      expect(await deploy(app, "v2\n")).toMatchObject({ exitCode: 0 });
      expect((await state(app)).served).toEqual({ status: 200, body: "v2\n" });
    },
    TIMEOUT,
  );

  test(
    "a restart killed after its proxy switch: undone, the containers that served keep serving",
    async () => {
      const app = await deployedApp("restart");
      const before = await state(app);
      expect((await dokku(["ps:restart", app], { DOKKU_FAILPOINT: "deploy:proxy-switched" })).exitCode).toBe(KILLED);
      expect(await dokku(["ps:retire"])).toMatchObject({ exitCode: 0 });
      expect(await state(app)).toEqual(before);
    },
    TIMEOUT,
  );

  test(
    "with checks disabled, a deploy killed after stopping the old container: the old one runs again",
    async () => {
      const app = await deployedApp("disabled");
      expect(await dokku(["checks:disable", app])).toMatchObject({ exitCode: 0 });
      expect((await deploy(app, "v2\n", "deploy:containers-started")).exitCode).toBe(KILLED);
      expect(await dokku(["ps:retire"])).toMatchObject({ exitCode: 0 });
      expect(await state(app)).toEqual({
        served: { status: 200, body: "v1\n" },
        current: "1",
        records: { "1": "succeeded", "2": "failed" },
        containers: [`${app}.web.1 v1 running`],
        journal: false,
      });
    },
    TIMEOUT,
  );

  test(
    "killed deploys leave no image behind: failed records lose their tags, the kept ones stay",
    async () => {
      const app = await deployedApp("images");
      for (const step of ["deploy:journal-written", "deploy:checks-passed", "deploy:proxy-switched"])
        expect((await deploy(app, `${step}\n`, step)).exitCode).toBe(KILLED);
      expect(await deploy(app, "v5\n")).toMatchObject({ exitCode: 0 });
      const tags = (await runProgram(["docker", "images", "--format", "{{.Tag}}", `dokku/${app}`])).stdout
        .trim()
        .split("\n")
        .sort();
      expect({ tags, records: (await state(app)).records }).toEqual({
        tags: ["v1", "v5"],
        records: { "1": "succeeded", "2": "failed", "3": "failed", "4": "failed", "5": "succeeded" },
      });
      const listed = await dokku(["releases", app]);
      expect(listed.stdout).toMatch(/\nv4 +.* failed\n/);
      expect((await dokku(["releases:rollback", app, "v3"])).stderr).toContain(
        "v3 never went live; cannot roll back to it",
      );
    },
    TIMEOUT,
  );

  test(
    "ps:retire beside a deploy in its checks leaves the deploy's containers alone",
    async () => {
      const app = await deployedApp("timer");
      // the new container needs 6 s of uptime: the timer runs while it is checked
      mkdirSync(join(lib, "config", "checks", app), { recursive: true });
      writeFileSync(join(lib, "config", "checks", app, "default-wait"), "6");
      let done = false;
      const deploying = deploy(app, "v2\n").finally(() => {
        done = true;
      });
      const client = await dockerClient();
      const upcoming = async () =>
        (await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } })).some((info) =>
          info.Names.some((name) => name.includes(".upcoming-")),
        );
      for (let tries = 0; !done && !(await upcoming()) && tries < 200; tries++) await Bun.sleep(50);
      const retires: RunResult[] = [];
      for (let runs = 0; !done && runs < 4; runs++) retires.push(await dokku(["ps:retire"]));
      const deployed = await deploying;
      expect({
        deployed: deployed.exitCode,
        retired: retires.map((run) => run.exitCode),
        skipped:
          retires.length > 0 && retires.every((run) => run.stdout.includes(`Skipping ${app}: a deploy is running`)),
        served: (await state(app)).served,
      }).toEqual({ deployed: 0, retired: retires.map(() => 0), skipped: true, served: { status: 200, body: "v2\n" } });
    },
    TIMEOUT,
  );

  test(
    "a release pointer that cannot be written rolls the deploy back; so does a release dir that cannot be written",
    async () => {
      const app = await deployedApp("readonly");
      const before = await state(app);
      const dir = join(lib, "data/releases", app);
      const second = await whileImmutable(join(dir, "current"), () => deploy(app, "v2\n"));
      expect({
        exitCode: second.exitCode,
        said: second.stderr.includes(`Could not record the deploy of ${app} as done`),
      }).toEqual({ exitCode: 1, said: true });
      expect(await state(app)).toEqual(before);
      const third = await whileImmutable(dir, () => deploy(app, "v3\n"));
      expect(third.exitCode).toBe(1);
      expect(await state(app)).toEqual(before);
      expect(await deploy(app, "v4\n")).toMatchObject({ exitCode: 0 });
      expect((await state(app)).served).toEqual({ status: 200, body: "v4\n" });
    },
    TIMEOUT,
  );
});
