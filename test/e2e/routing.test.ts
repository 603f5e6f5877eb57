import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { gitWork, type GitWork } from "./fixtures/git-work";
import { freeLoopbackPort, LOOPBACK, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy } from "../machine";

/**
 * Issue 4 end to end, with the real parts: a push over a real sshd, a real nginx of this test on
 * free loopback ports (with Dokku's catch-all default site on them), HTTP and HTTPS to 127.0.0.1
 * by Host header and SNI: the default and a custom domain, a self-signed certificate, a v2 whose
 * health check fails never reaching nginx, a good v2, a config release and a rollback bringing
 * back v1's code AND config.
 */
const RUN = sshdAvailable() && nginxAvailable() && canDeploy;
if (!RUN)
  console.warn("skipping routing e2e tests: they need /usr/sbin/sshd, /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 60_000;
const APP = `routing-e2e-${process.pid}`;
const GLOBAL_DOMAIN = `dokku-${process.pid}.test`;
const DEFAULT_HOST = `${APP}.${GLOBAL_DOMAIN}`;
const CUSTOM = `www.shop-${process.pid}.test`;
const PAGE = "/cgi-bin/page";

/** A CGI script answering `status` with `body` (busybox httpd runs it with the container's env). */
function cgi(body: string, status = ""): string {
  return `#!/bin/sh\nprintf '${status ? `Status: ${status}\\r\\n` : ""}Content-Type: text/plain\\r\\n\\r\\n'\n${body}\n`;
}

/** The page of a version: its name and the MESSAGE it runs with. */
const page = (version: string) => cgi(`echo "${version} says $MESSAGE"`);
const HEALTHY = cgi("echo ok");
const UNHEALTHY = cgi("echo broken", "500 Internal Server Error");

/** The app's source: busybox httpd serving /www, with an app.json startup check of /cgi-bin/health. */
function writeApp(dir: string): void {
  mkdirSync(join(dir, "www", "cgi-bin"), { recursive: true });
  writeFileSync(join(dir, "Dockerfile"), "FROM dokku-test/busybox:latest\nCOPY www /www\n");
  writeFileSync(join(dir, "Procfile"), "web: httpd -f -p $PORT -h /www\n");
  const check = { type: "startup", name: "web health", path: "/cgi-bin/health", attempts: 2, wait: 1 };
  writeFileSync(join(dir, "app.json"), `${JSON.stringify({ healthchecks: { web: [check] } }, null, 2)}\n`);
  writeFileSync(join(dir, "www", "cgi-bin", "page"), page("v1"), { mode: 0o755 });
  writeFileSync(join(dir, "www", "cgi-bin", "health"), HEALTHY, { mode: 0o755 });
}

describe.skipIf(!RUN)("routing through nginx, end to end", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-routing-keys-");
  const source = tempDir("dokku-routing-app-");
  const httpPort = freeLoopbackPort();
  let httpsPort = freeLoopbackPort();
  while (httpsPort === httpPort) httpsPort = freeLoopbackPort();
  let nginx: TestNginx;
  let sshd: Sshd;
  let work: GitWork;
  let identity: string;

  const ssh = (command: string): Promise<RunResult> => sshd.ssh(identity, command);
  const push = (): Promise<RunResult> => work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
  /** Over SSH; fails the test with the command's output unless it exits 0. */
  async function mustSsh(command: string): Promise<string> {
    const result = await ssh(command);
    if (result.exitCode !== 0) throw new Error(`dokku ${command} exited ${result.exitCode}:\n${result.stderr}`);
    return result.stdout;
  }
  /** Plain HTTP through nginx by Host header; "closed" when nginx drops the connection (444). */
  const http = (host: string, path = PAGE) => nginx.get(httpPort, host, path).catch(() => "closed" as const);
  /** HTTPS through nginx with SNI and Host `host`, trusting only `caFile`; the body, or curl's exit code and error. */
  async function https(host: string, caFile: string): Promise<string> {
    const url = `https://${host}:${httpsPort}${PAGE}`;
    const result = await runProgram([
      "curl",
      "-sS",
      "--max-time",
      "10",
      "--resolve",
      `${host}:${httpsPort}:${LOOPBACK}`,
      "--cacert",
      caFile,
      url,
    ]);
    return result.exitCode === 0 ? result.stdout : `curl exit ${result.exitCode}`;
  }
  /** The ids of the app's running web containers. */
  async function webContainers(): Promise<string[]> {
    const docker = await dockerClient();
    const running = await docker.listContainers({
      filters: { label: [`com.dokku.app-name=${APP}`, "com.dokku.process-type=web"] },
    });
    return running.map((info) => info.Id);
  }

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string, { catchAll: { http: [httpPort], https: [httpsPort] } });
    const env = { ...roots.env, ...nginx.env };
    identity = await generateKey(keys.path, "alice");
    expect(await runDokku(["ssh-keys:add", "alice", `${identity}.pub`], { env })).toMatchObject({ exitCode: 0 });
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env });
    writeApp(source.path);
    work = await gitWork(source.path, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
    // old containers go as soon as the new ones serve; the default uptime check takes 1 s
    await mustSsh("checks:set --global wait-to-retire 0");
    await mustSsh("checks:set --global default-wait 1");
    await mustSsh(`domains:set-global ${GLOBAL_DOMAIN}`);
    // nginx listens on this test's loopback ports only: http now, https once there is a certificate
    await mustSsh("nginx:set --global bind-address-ipv4 127.0.0.1");
    await mustSsh("nginx:set --global bind-address-ipv6 ::1");
    await mustSsh(`apps:create ${APP}`);
    await mustSsh(`ports:set ${APP} http:${httpPort}:5000 https:${httpsPort}:5000`);
    await mustSsh(`config:set --no-restart ${APP} MESSAGE=one`);
  }, TIMEOUT);

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    await nginx?.[Symbol.asyncDispose]();
    await removeAppLeftovers(await dockerClient(), APP);
    work?.[Symbol.dispose]();
    source[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "a pushed app answers at <app>.<global domain> and at a custom domain once added; an unknown Host does not reach it",
    async () => {
      const pushed = await push();
      expect({ exitCode: pushed.exitCode, nginx: nginx.errorLog() }).toEqual({ exitCode: 0, nginx: "" });
      expect(pushed.stderr).toContain("remote:        Healthcheck succeeded name='web health' (web.1)");
      expect(await http(DEFAULT_HOST)).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await http(CUSTOM)).toBe("closed");

      const added = await mustSsh(`domains:add ${APP} ${CUSTOM}`);
      expect(added).toStartWith(`-----> Added ${CUSTOM} to ${APP}\n`);
      expect(added).toEndWith(
        `-----> Configuring ${CUSTOM}...(using built-in template)\n-----> Creating http nginx.conf\n       Reloading nginx\n`,
      );
      expect(await http(CUSTOM)).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await http(DEFAULT_HOST)).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await http(`elsewhere-${process.pid}.test`)).toBe("closed");
      expect(await http(LOOPBACK)).toBe("closed");
    },
    TIMEOUT,
  );

  test(
    "certs:generate for the custom domain serves it over HTTPS with that certificate; other names get no handshake",
    async () => {
      const ca = join(keys.path, "server.crt");
      expect(await http(CUSTOM)).toEqual({ status: 200, body: "v1 says one\n" });
      const generated = await ssh(`certs:generate ${APP} ${CUSTOM}`);
      expect({ exitCode: generated.exitCode, stderr: generated.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(generated.stdout).toContain(`-----> Skipping: ${CUSTOM} already added to ${APP}`);
      writeFileSync(ca, await mustSsh(`certs:show ${APP} crt`));
      expect(await https(CUSTOM, ca)).toBe("v1 says one\n");
      // the certificate names the custom domain only: the default vhost fails verification
      expect(await https(DEFAULT_HOST, ca)).toBe("curl exit 60");
      // Dokku's catch-all refuses the handshake for a name no app serves
      expect(await https(`elsewhere-${process.pid}.test`, ca)).toBe("curl exit 35");
      // Dokku redirects http to https from port 80 only (the test cannot bind it): another http port keeps proxying
      expect(await http(CUSTOM)).toEqual({ status: 200, body: "v1 says one\n" });
    },
    TIMEOUT,
  );

  test(
    "a v2 whose health check answers 500 is rejected naming the check, and nginx still serves v1",
    async () => {
      const before = await webContainers();
      await work.commit("v2, unhealthy", { "www/cgi-bin/page": page("v2"), "www/cgi-bin/health": UNHEALTHY });
      const pushed = await push();
      expect(pushed.exitCode).not.toBe(0);
      expect(pushed.stderr).toContain(
        "remote:  !     Failure in name='web health': GET /cgi-bin/health: expected a 2xx or 3xx status, got 500 (web.1)",
      );
      expect(pushed.stderr).toContain("healthcheck name='web health' failed");
      expect(pushed.stderr).toContain("[remote rejected] main -> main (pre-receive hook declined)");
      expect(await http(DEFAULT_HOST)).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await https(CUSTOM, join(keys.path, "server.crt"))).toBe("v1 says one\n");
      expect(await webContainers()).toEqual(before);
      await work.git("reset", "--quiet", "--hard", "HEAD~1");
    },
    TIMEOUT,
  );

  test(
    "a good v2 serves through nginx, config:set makes a release, and rollback to v1 brings back v1's page and config",
    async () => {
      await work.commit("v2", { "www/cgi-bin/page": page("v2") });
      const pushed = await push();
      expect({ exitCode: pushed.exitCode, nginx: nginx.errorLog() }).toEqual({ exitCode: 0, nginx: "" });
      expect(await http(DEFAULT_HOST)).toEqual({ status: 200, body: "v2 says one\n" });
      // wait-to-retire 0: the old container is gone once the push returns
      expect(await webContainers()).toHaveLength(1);

      await mustSsh(`config:set ${APP} MESSAGE=two`);
      expect(await http(CUSTOM)).toEqual({ status: 200, body: "v2 says two\n" });
      expect(await https(CUSTOM, join(keys.path, "server.crt"))).toBe("v2 says two\n");

      await mustSsh(`releases:rollback ${APP} v1`);
      expect(await http(DEFAULT_HOST)).toEqual({ status: 200, body: "v1 says one\n" });
      expect(await https(CUSTOM, join(keys.path, "server.crt"))).toBe("v1 says one\n");
      expect(await webContainers()).toHaveLength(1);
      expect(await mustSsh(`config:get ${APP} MESSAGE`)).toBe("one\n");
      const releases = JSON.parse(await mustSsh(`releases ${APP} --format json`)) as {
        version: string;
        description: string;
        status: string;
      }[];
      expect(
        releases.map(({ description, status }) => ({ description: description.replace(/ [0-9a-f]{7}$/, ""), status })),
      ).toEqual([
        { description: "Rollback to v1", status: "current" },
        { description: "config:set MESSAGE", status: "deployed" },
        { description: "git push", status: "deployed" },
        { description: "git push", status: "deployed" },
      ]);
    },
    TIMEOUT,
  );
});
