import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { BUSYBOX_APP, gitWork, type GitWork } from "./fixtures/git-work";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy, machine } from "../machine";

const RUN = sshdAvailable() && nginxAvailable() && canDeploy;
if (!RUN)
  console.warn("skipping nginx proxy e2e tests: they need /usr/sbin/sshd, /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 240_000;
const APP = `nginxproxy-${process.pid}`;
const DOMAIN = "dokku.test";
const HOST = `${APP}.${DOMAIN}`;

async function docker(...args: string[]): Promise<string> {
  const result = await runProgram(["docker", ...args]);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

function writeProperty(libRoot: string, plugin: string, scope: string, key: string, value: string): void {
  mkdirSync(join(libRoot, "config", plugin, scope), { recursive: true });
  writeFileSync(join(libRoot, "config", plugin, scope, key), value);
}

describe.skipIf(!RUN)("the nginx proxy, through a real push", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-nginx-keys-");
  const port = freeLoopbackPort();
  let nginx: TestNginx;
  let sshd: Sshd;
  let work: GitWork;
  let env: Record<string, string>;

  const push = (): Promise<RunResult> => work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
  const dokku = (...args: string[]) => runDokku(args, { env });
  const configPath = () => join(roots.env.DOKKU_ROOT as string, APP, "nginx.conf");

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    const identity = await generateKey(keys.path, "alice");
    expect(await dokku("ssh-keys:add", "alice", `${identity}.pub`)).toMatchObject({ exitCode: 0 });
    const lib = roots.env.DOKKU_LIB_ROOT as string;
    // the global domain, read by domains when the app is created
    writeFileSync(join(roots.env.DOKKU_ROOT as string, "VHOST"), `${DOMAIN}\n`);
    expect(await dokku("apps:create", APP)).toMatchObject({ exitCode: 0 });
    // one second of uptime passes the default check; old containers keep running after the switch
    writeProperty(lib, "checks", "--global", "default-wait", "1");
    writeProperty(lib, "checks", "--global", "wait-to-retire", "60");
    // apps listen on a free loopback port (instead of 80), on loopback only
    expect(await dokku("proxy:set", "--global", "proxy-port", String(port))).toMatchObject({ exitCode: 0 });
    expect(await dokku("nginx:set", "--global", "bind-address-ipv4", "127.0.0.1")).toMatchObject({ exitCode: 0 });
    expect(await dokku("nginx:set", "--global", "bind-address-ipv6", "::1")).toMatchObject({ exitCode: 0 });
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env });
    work = await gitWork(BUSYBOX_APP, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
  }, TIMEOUT);

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    await nginx?.[Symbol.asyncDispose]();
    if (machine.docker) await removeAppLeftovers(await dockerClient(), APP);
    work?.[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "a first deploy answers through nginx at <app>.<global domain>, and urls names it",
    async () => {
      const pushed = await push();
      expect({ exitCode: pushed.exitCode, stderr: pushed.stderr, log: nginx.errorLog() }).toMatchObject({
        exitCode: 0,
      });
      expect(pushed.stderr).toContain(`remote: -----> Configuring ${HOST}...(using built-in template)`);
      expect(pushed.stderr).toContain("remote: -----> Creating http nginx.conf");
      expect(pushed.stderr).toContain("remote:        Reloading nginx");
      expect(await nginx.get(port, HOST)).toEqual({ status: 200, body: "first release\n" });
      expect(await dokku("urls", APP)).toEqual({ stdout: `http://${HOST}:${port}\n`, stderr: "", exitCode: 0 });
      expect(readFileSync(configPath(), "utf8")).toContain(`  server_name ${HOST};\n`);
    },
    TIMEOUT,
  );

  test(
    "a redeploy switches nginx to the new container while the old one still runs",
    async () => {
      const before = await docker(
        "ps",
        "-q",
        "--filter",
        `label=com.dokku.app-name=${APP}`,
        "--filter",
        "label=com.dokku.process-type=web",
      );
      await work.commit("second", { "www/index.html": "second release\n" });
      const pushed = await push();
      expect(pushed.exitCode).toBe(0);
      const served = await nginx.get(port, HOST);
      const oldStillRuns = (await docker("ps", "-q", "--filter", `id=${before}`)) !== "";
      expect({ served, oldStillRuns }).toEqual({
        served: { status: 200, body: "second release\n" },
        oldStillRuns: true,
      });
    },
    TIMEOUT,
  );

  test(
    "a config nginx refuses fails the deploy: the new containers go, the old config and container keep serving",
    async () => {
      const config = readFileSync(configPath(), "utf8");
      const web = await docker(
        "ps",
        "-q",
        "--filter",
        `label=com.dokku.app-name=${APP}`,
        "--filter",
        "label=com.dokku.process-type=web",
      );
      expect(await dokku("nginx:set", APP, "access-log-format", "no_such_format")).toMatchObject({ exitCode: 0 });
      await work.commit("third", { "www/index.html": "third release\n" });
      const pushed = await push();
      const after = await docker(
        "ps",
        "-q",
        "--filter",
        `label=com.dokku.app-name=${APP}`,
        "--filter",
        "label=com.dokku.process-type=web",
      );
      expect({
        exitCode: pushed.exitCode,
        refused: pushed.stderr.includes("nginx refused the new config (the old one stays live):"),
        nginxSays: pushed.stderr.includes('unknown log format "no_such_format"'),
        config: readFileSync(configPath(), "utf8") === config,
        served: await nginx.get(port, HOST),
        newWeb: after.split("\n").filter((id) => !web.split("\n").includes(id)),
      }).toEqual({
        exitCode: 1,
        refused: true,
        nginxSays: true,
        config: true,
        served: { status: 200, body: "second release\n" },
        newWeb: [],
      });
      await dokku("nginx:set", APP, "access-log-format", "");
    },
    TIMEOUT,
  );
});
