import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runDokku, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { enterSwarm, until } from "../plugins/scheduler-swarm/swarm-fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { gitWork, type GitWork } from "./fixtures/git-work";
import { HOST_PAGE, PAGE, page, UNHEALTHY, writeSwarmApp } from "./fixtures/swarm-app";
import { startLoad, type LoadResult } from "./fixtures/swarm-load";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy } from "../machine";

/**
 * Issue 7 end to end: an app on the swarm scheduler, through the compiled binary over a real
 * sshd, served by a real nginx of this test on a free loopback port by Host header: its
 * `<app>-web` service, a scale to 3 tasks all answering, a redeploy under load without a failed
 * request, a failing health check rolled back by Swarm while v2 keeps serving, a switch to
 * docker-local and back keeping the config, and apps:destroy leaving nothing.
 */
const RUN = sshdAvailable() && nginxAvailable() && canDeploy;
if (!RUN) console.warn("skipping swarm e2e tests: they need /usr/sbin/sshd, /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 120_000;
const APP = `swarm-e2e-${process.pid}`;
const HOST = `${APP}.dokku-${process.pid}.test`;
const SERVICE = `${APP}-web`;
const NETWORK = `dokku-swarm-${APP}`;
/** beforeAll may first wait for another suite's hold of the machine's swarm (enterSwarm's lock waits up to 600 s). */
const SETUP_TIMEOUT = 660_000;
const LOAD = { loops: 2, timeoutMs: 5_000, maxRequests: 20_000, maxMs: 180_000 } as const;

describe.skipIf(!RUN)("the swarm scheduler, end to end", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-swarm-keys-");
  const source = tempDir("dokku-swarm-app-");
  const httpPort = freeLoopbackPort();
  let leaveSwarm: (() => Promise<void>) | undefined;
  let nginx: TestNginx;
  let sshd: Sshd;
  let work: GitWork;
  let identity: string;
  let v2 = "";

  const ssh = (command: string): Promise<RunResult> => sshd.ssh(identity, command);
  const push = (): Promise<RunResult> => work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
  async function mustSsh(command: string): Promise<string> {
    const result = await ssh(command);
    if (result.exitCode !== 0)
      throw new Error(`dokku ${command} exited ${result.exitCode}:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  }
  /** GET through nginx by Host header on a new connection; "closed" when nginx drops it (444) or nothing answers. */
  const http = (path = PAGE) => nginx.get(httpPort, HOST, path).catch(() => "closed" as const);
  const labelled = (...labels: string[]) => ({ filters: { label: [`com.dokku.app-name=${APP}`, ...labels] } });
  const services = async () =>
    (await (await dockerClient()).listServices(labelled())).map((service) => service.Spec?.Name);
  const routers = async () =>
    (await dockerClient()).listContainers({ all: true, ...labelled("com.dokku.container-type=router") });
  const networks = async () =>
    (await (await dockerClient()).listNetworks({ filters: { name: [NETWORK] } })).map((network) => network.Name);
  const localContainers = async () =>
    (await dockerClient()).listContainers({ all: true, ...labelled("com.dokku.container-type=deploy") });
  /** The web service's tasks Swarm runs: their state and release. */
  async function runningTasks(): Promise<{ state: string; release: string }[]> {
    const tasks = await (await dockerClient()).listTasks({
      filters: { service: [SERVICE], "desired-state": ["running"] },
    });
    return tasks.map((task) => ({
      state: task.Status?.State ?? "",
      release: task.Spec?.ContainerSpec?.Labels?.["com.dokku.release-id"] ?? "",
    }));
  }
  /** Load through nginx while `during` runs, then 2 s more; every answer must be a version's page. */
  async function underLoad<T>(label: string, during: () => Promise<T>): Promise<{ result: T; load: LoadResult }> {
    const load = startLoad({
      ...LOAD,
      port: httpPort,
      host: HOST,
      path: PAGE,
      accept: (body) => /^v\d says \w*\n$/.test(body),
    });
    const outcome = await during().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const counts = await load.stop(2_000);
    console.log(
      `${label}: ${counts.requests} requests in ${counts.seconds.toFixed(1)} s, ok ${counts.ok}, failed ${counts.failed}, bodies ${JSON.stringify(counts.bodies)}`,
    );
    if ("error" in outcome) throw outcome.error;
    return { result: outcome.value, load: counts };
  }

  beforeAll(async () => {
    leaveSwarm = await enterSwarm();
    nginx = await startNginx(roots.env.DOKKU_ROOT as string, { catchAll: { http: [httpPort] } });
    const env = { ...roots.env, ...nginx.env };
    identity = await generateKey(keys.path, "alice");
    expect(await runDokku(["ssh-keys:add", "alice", `${identity}.pub`], { env })).toMatchObject({ exitCode: 0 });
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env });
    writeSwarmApp(source.path);
    work = await gitWork(source.path, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
    // docker-local (scenario 5): the old containers go as soon as the new ones serve
    await mustSsh("checks:set --global wait-to-retire 0");
    await mustSsh("checks:set --global default-wait 1");
    await mustSsh(`domains:set-global dokku-${process.pid}.test`);
    await mustSsh("nginx:set --global bind-address-ipv4 127.0.0.1");
    await mustSsh("nginx:set --global bind-address-ipv6 ::1");
    await mustSsh(`apps:create ${APP}`);
    await mustSsh(`ports:set ${APP} http:${httpPort}:5000`);
    await mustSsh(`config:set --no-restart ${APP} MESSAGE=one`);
    await mustSsh(`scheduler:set ${APP} selected swarm`);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    try {
      if (sshd) await ssh(`apps:destroy ${APP} --force`).catch(() => undefined);
      const client = await dockerClient();
      await removeAppLeftovers(client, APP);
      for (const service of await client.listServices(labelled()).catch(() => []))
        await client
          .getService(service.ID)
          .remove()
          .catch(() => undefined);
      await client
        .getNetwork(NETWORK)
        .remove()
        .catch(() => undefined);
    } finally {
      await leaveSwarm?.();
      await sshd?.[Symbol.asyncDispose]();
      await nginx?.[Symbol.asyncDispose]();
      work?.[Symbol.dispose]();
      source[Symbol.dispose]();
      keys[Symbol.dispose]();
      roots[Symbol.dispose]();
    }
  }, TIMEOUT);

  test(
    "a push with the swarm scheduler selected runs <app>-web with 1 task and answers through nginx",
    async () => {
      const pushed = await push();
      expect({ exitCode: pushed.exitCode, nginx: nginx.errorLog() }).toEqual({ exitCode: 0, nginx: "" });
      expect(pushed.stderr).toContain(`remote:        Created service ${SERVICE}`);
      expect(await http()).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await http(HOST_PAGE)).toEqual({ status: 200, body: `${APP}.web.1\n` });

      const client = await dockerClient();
      const listed = await client.listServices(labelled());
      expect(
        listed.map((service) => ({
          name: service.Spec?.Name,
          replicas: service.Spec?.Mode?.Replicated?.Replicas,
          endpoint: service.Spec?.EndpointSpec?.Mode,
        })),
      ).toEqual([{ name: SERVICE, replicas: 1, endpoint: "dnsrr" }]);
      expect(await runningTasks()).toEqual([{ state: "running", release: "1" }]);
      const report = JSON.parse(await mustSsh(`ps:report ${APP} --format json`)) as Record<string, string>;
      expect({ deployed: report.deployed, processes: report.processes, running: report.running }).toEqual({
        deployed: "true",
        processes: "1",
        running: "true",
      });
      expect(report["status-web.1"]).toMatch(/^running \(CID: [0-9a-f]{11}\)$/);
      const inspected = JSON.parse(await mustSsh(`ps:inspect ${APP}`)) as {
        Spec: { Name: string; Mode: unknown; TaskTemplate: { ContainerSpec: { Env: string[] } } };
      }[];
      expect(inspected.map((service) => ({ name: service.Spec.Name, mode: service.Spec.Mode }))).toEqual([
        { name: SERVICE, mode: { Replicated: { Replicas: 1 } } },
      ]);
      expect(inspected[0]?.Spec.TaskTemplate.ContainerSpec.Env).not.toContain("MESSAGE=one");
      expect(await routers()).toHaveLength(1);
    },
    TIMEOUT,
  );

  test(
    "ps:scale web=3 runs 3 tasks, and all 3 answer through nginx",
    async () => {
      const scaled = await ssh(`ps:scale ${APP} web=3`);
      expect({ exitCode: scaled.exitCode, stderr: scaled.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(await runningTasks()).toEqual(Array.from({ length: 3 }, () => ({ state: "running", release: "1" })));
      const report = JSON.parse(await mustSsh(`ps:report ${APP} --format json`)) as Record<string, string>;
      expect(
        Object.keys(report)
          .filter((key) => key.startsWith("status-"))
          .sort(),
      ).toEqual(["status-web.1", "status-web.2", "status-web.3"]);
      expect(report.processes).toBe("3");

      const seen = new Set<string>();
      await until("3 distinct task hostnames through nginx", 30_000, async () => {
        for (let i = 0; i < 10; i++) {
          const answer = await http(HOST_PAGE);
          if (answer !== "closed" && answer.status === 200) seen.add(answer.body.trim());
        }
        return seen.size >= 3 ? true : undefined;
      });
      expect([...seen].sort()).toEqual([`${APP}.web.1`, `${APP}.web.2`, `${APP}.web.3`]);
    },
    TIMEOUT,
  );

  test(
    "a push of v2 under load through nginx rolls the 3 tasks without a failed request",
    async () => {
      v2 = await work.commit("v2", { "www/cgi-bin/page": page("v2") });
      const { result: pushed, load } = await underLoad("redeploy under load", push);
      expect({ exitCode: pushed.exitCode, stderr: pushed.exitCode === 0 ? "" : pushed.stderr }).toEqual({
        exitCode: 0,
        stderr: "",
      });
      expect(pushed.stderr).toContain(`Rolling update of ${SERVICE} (start-first)`);
      expect({ failed: load.failed, failures: load.failures }).toEqual({ failed: 0, failures: [] });
      expect(load.bodies["v1 says one\n"] ?? 0).toBeGreaterThan(0);
      expect(load.bodies["v2 says one\n"] ?? 0).toBeGreaterThan(0);
      expect(Object.keys(load.bodies).sort()).toEqual(["v1 says one\n", "v2 says one\n"]);
      expect(await http()).toEqual({ status: 200, body: "v2 says one\n" });
      expect(await runningTasks()).toEqual(Array.from({ length: 3 }, () => ({ state: "running", release: "2" })));
    },
    TIMEOUT,
  );

  test(
    "a v3 whose health check answers 500 is rolled back by Swarm: the push fails and v2 serves throughout",
    async () => {
      await work.commit("v3, unhealthy", { "www/cgi-bin/page": page("v3"), "www/cgi-bin/health": UNHEALTHY });
      const { result: pushed, load } = await underLoad("failed deploy under load", push);
      expect(pushed.exitCode).not.toBe(0);
      // Swarm's reason: the health check (the app.json check) marked the new task unhealthy
      expect(pushed.stderr).toMatch(
        /Could not start web\.\d: Swarm rolled the update back \(rollback completed\): .*unhealthy container/,
      );
      expect(pushed.stderr).toContain("[remote rejected] main -> main (pre-receive hook declined)");
      expect({ failed: load.failed, failures: load.failures }).toEqual({ failed: 0, failures: [] });
      expect(load.bodies).toEqual({ "v2 says one\n": load.ok });
      expect(await http()).toEqual({ status: 200, body: "v2 says one\n" });
      expect(await runningTasks()).toEqual(Array.from({ length: 3 }, () => ({ state: "running", release: "2" })));

      const failed = await ssh(`logs:failed ${APP}`);
      expect({ exitCode: failed.exitCode, stderr: failed.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(failed.stdout).toMatch(new RegExp(`^=====> ${APP} web\\.\\d `, "m"));
      const releases = JSON.parse(await mustSsh(`releases ${APP} --format json`)) as {
        status: string;
        git_rev: string;
      }[];
      expect(releases.filter((release) => release.status === "current").map((release) => release.git_rev)).toEqual([
        v2,
      ]);
      await work.git("reset", "--quiet", "--hard", "HEAD~1");
    },
    TIMEOUT,
  );

  test(
    "switching to docker-local and back keeps the config, and each scheduler leaves nothing of the other",
    async () => {
      await mustSsh(`config:set ${APP} MESSAGE=hello`);
      expect(await http()).toEqual({ status: 200, body: "v2 says hello\n" });

      await mustSsh(`scheduler:set ${APP} selected docker-local`);
      const local = await ssh(`ps:rebuild ${APP}`);
      expect({ exitCode: local.exitCode, nginx: nginx.errorLog() }).toEqual({ exitCode: 0, nginx: "" });
      expect(await http()).toEqual({ status: 200, body: "v2 says hello\n" });
      const containers = await localContainers();
      expect(containers.map((info) => info.State)).toEqual(["running", "running", "running"]);
      const answered = await http(HOST_PAGE);
      expect(containers.map((info) => info.Id.slice(0, 12))).toContain(
        answered === "closed" ? "closed" : answered.body.trim(),
      );
      expect({ services: await services(), routers: (await routers()).length, networks: await networks() }).toEqual({
        services: [],
        routers: 0,
        networks: [],
      });

      await mustSsh(`scheduler:set ${APP} selected swarm`);
      const back = await ssh(`ps:rebuild ${APP}`);
      expect({ exitCode: back.exitCode, nginx: nginx.errorLog() }).toEqual({ exitCode: 0, nginx: "" });
      expect(await http()).toEqual({ status: 200, body: "v2 says hello\n" });
      expect(await http(HOST_PAGE)).toMatchObject({
        status: 200,
        body: expect.stringMatching(new RegExp(`^${APP}\\.web\\.[123]\\n$`)),
      });
      expect({
        services: await services(),
        routers: (await routers()).length,
        networks: await networks(),
        local: (await localContainers()).length,
      }).toEqual({
        services: [SERVICE],
        routers: 1,
        networks: [NETWORK],
        local: 0,
      });
      expect((await runningTasks()).length).toBe(3);
      expect(await mustSsh(`config:get ${APP} MESSAGE`)).toBe("hello\n");
    },
    TIMEOUT,
  );

  test(
    "releases:rollback v1 brings back v1's code and config on the swarm tasks, under load without a failed request",
    async () => {
      const { result: rolled, load } = await underLoad("rollback under load", () => ssh(`releases:rollback ${APP} v1`));
      expect({ exitCode: rolled.exitCode, stderr: rolled.exitCode === 0 ? "" : rolled.stderr }).toEqual({
        exitCode: 0,
        stderr: "",
      });
      expect(rolled.stdout).toContain(`Rolling update of ${SERVICE} (start-first)`);
      expect({ failed: load.failed, failures: load.failures }).toEqual({ failed: 0, failures: [] });
      expect(Object.keys(load.bodies).sort()).toEqual(["v1 says one\n", "v2 says hello\n"]);
      expect(await http()).toEqual({ status: 200, body: "v1 says one\n" });
      const releases = JSON.parse(await mustSsh(`releases ${APP} --format json`)) as { id: number; status: string }[];
      const current = releases.find((release) => release.status === "current")?.id;
      expect(await runningTasks()).toEqual(
        Array.from({ length: 3 }, () => ({ state: "running", release: String(current) })),
      );
    },
    TIMEOUT,
  );

  test(
    "apps:destroy removes the services, the router, the app's overlay network and its containers",
    async () => {
      const destroyed = await ssh(`apps:destroy ${APP} --force`);
      expect({ exitCode: destroyed.exitCode, stderr: destroyed.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const containers = await (await dockerClient()).listContainers({ all: true, ...labelled() });
      expect({
        services: await services(),
        routers: (await routers()).length,
        networks: await networks(),
        containers: containers.map((info) => info.Names),
      }).toEqual({
        services: [],
        routers: 0,
        networks: [],
        containers: [],
      });
      expect(await http()).toBe("closed");
    },
    TIMEOUT,
  );
});
