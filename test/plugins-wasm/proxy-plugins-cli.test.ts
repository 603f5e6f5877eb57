import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { buildPlugin } from "../../plugins-wasm/build";
import { deployBusyboxPage } from "../e2e/fixtures/archive-deploy";
import { freeLoopbackPort, LOOPBACK, nginxAvailable, startNginx, type TestNginx } from "../e2e/nginx";
import { runDokku, tempDir, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { canDeploy } from "../machine";

/**
 * The shipped maintenance and http-auth plugins end to end: built, installed with the binary,
 * an app deployed with real docker behind a real nginx of this test, every answer checked
 * through nginx by Host header.
 */
const RUN = nginxAvailable() && canDeploy;
if (!RUN) console.warn("skipping proxy plugins e2e tests: they need /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 120_000;
const APP = `proxyplugins-${process.pid}`;
const DOMAIN = `dokku-${process.pid}.test`;
const HOST = `${APP}.${DOMAIN}`;
const PASSWORD = "s3cret pass";
const MAINTENANCE_TITLE = "<title>Down for maintenance</title>";

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly challenge: string | null;
  readonly body: string;
}

/** What a config rebuild prints after the plugin's own step line. */
const REBUILT = `-----> Configuring ${HOST}...(using built-in template)\n-----> Creating http nginx.conf\n       Reloading nginx\n`;
const ok = (stdout: string): RunResult => ({ stdout, stderr: "", exitCode: 0 });
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe.skipIf(!RUN)("maintenance and http-auth plugins through a real nginx", () => {
  const roots = tempRoots();
  const build = tempDir("dokku-proxy-plugins-build-");
  const port = freeLoopbackPort();
  let nginx: TestNginx;
  let env: Record<string, string>;

  const dokku = (...args: string[]) => runDokku(args, { env });
  const must = async (...args: string[]): Promise<RunResult> => {
    const result = await dokku(...args);
    if (result.exitCode !== 0)
      throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stdout}${result.stderr}`);
    return result;
  };
  const appPath = (...parts: string[]) => join(roots.env.DOKKU_ROOT as string, APP, ...parts);
  const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);
  const snippetFiles = () =>
    existsSync(appPath("nginx-snippets")) ? readdirSync(appPath("nginx-snippets")).sort() : [];
  const stored = (key: string) =>
    read(join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "http-auth", APP, key));
  /** `nginx -t` of everything written so far, through the product. */
  const validate = () => dokku("nginx:validate-config", APP);
  /** nginx's complaints about this app beyond refused credentials (an unreadable page or htpasswd is `[crit]`). */
  const nginxTrouble = () =>
    (read(join(nginx.env.DOKKU_NGINX_LOG_ROOT as string, `${APP}-error.log`)) ?? "")
      .split("\n")
      .filter((line) => /\[(crit|alert|emerg)\]/.test(line));

  /** A GET of / through nginx with `Host: HOST` on a new connection. */
  async function get(headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`http://${LOOPBACK}:${port}/`, {
      headers: { Host: HOST, Connection: "close", ...headers },
      redirect: "manual",
      keepalive: false,
    });
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      challenge: response.headers.get("www-authenticate"),
      body: await response.text(),
    };
  }
  const app = (body: string): Answer => ({ status: 200, contentType: "text/html", challenge: null, body });
  const maintenancePage: Answer = {
    status: 503,
    contentType: "text/html",
    challenge: null,
    body: expect.stringContaining(MAINTENANCE_TITLE) as unknown as string,
  };
  const unauthorized: Answer = {
    status: 401,
    contentType: "text/html",
    challenge: 'Basic realm="Restricted"',
    body: expect.stringContaining("401 Authorization Required") as unknown as string,
  };

  const deploy = (page: string) => deployBusyboxPage(APP, page, env);

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    for (const name of ["maintenance", "http-auth"]) {
      const built = await buildPlugin(name, join(build.path, name));
      await must("plugin:install", built.dir, "--allow-store", "--allow-nginx");
    }
    await must("domains:set-global", DOMAIN);
    await must("proxy:set", "--global", "proxy-port", String(port));
    await must("nginx:set", "--global", "bind-address-ipv4", LOOPBACK);
    await must("nginx:set", "--global", "bind-address-ipv6", "::1");
    await must("checks:set", "--global", "wait-to-retire", "0");
    await must("apps:create", APP);
    await must("checks:skip", APP);
    const deployed = await deploy("first release\n");
    if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}${deployed.stderr}`);
  }, TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    await removeAppLeftovers(await docker(), APP);
    build[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test("the deployed app answers 200 through nginx by its Host", async () => {
    expect({ served: await get(), validate: await validate(), trouble: nginxTrouble() }).toEqual({
      served: app("first release\n"),
      validate: ok(""),
      trouble: [],
    });
  });

  test("maintenance:on serves the plugin's 503 page as text/html until maintenance:off", async () => {
    const on = await dokku("maintenance:on", APP);
    const whileOn = {
      served: await get(),
      validate: await validate(),
      files: snippetFiles(),
      config: read(appPath("nginx.conf"))?.includes("  return 503;\n"),
    };
    const report = await dokku("maintenance:report", APP);
    const flag = await dokku("maintenance:report", APP, "--maintenance-enabled");
    const off = await dokku("maintenance:off", APP);
    const afterOff = {
      served: await get(),
      validate: await validate(),
      files: snippetFiles(),
      report: await dokku("maintenance:report", APP, "--maintenance-enabled"),
    };
    expect({ on, whileOn, report, flag, off, afterOff, trouble: nginxTrouble() }).toEqual({
      on: ok(`-----> Enabling maintenance mode for ${APP}\n${REBUILT}`),
      whileOn: { served: maintenancePage, validate: ok(""), files: ["respond.page"], config: true },
      report: ok(`=====> ${APP} maintenance information\n       Maintenance enabled:           true\n`),
      flag: ok("true\n"),
      off: ok(`-----> Disabling maintenance mode for ${APP}\n${REBUILT}`),
      afterOff: { served: app("first release\n"), validate: ok(""), files: [], report: ok("false\n") },
      trouble: [],
    });
  });

  test("http-auth:enable asks for the user and password, and keeps only a salted {SSHA} hash", async () => {
    const enabled = await dokku("http-auth:enable", APP, "ada", PASSWORD);
    const htpasswd = read(appPath("nginx-snippets", "htpasswd")) ?? "";
    const [digestAndSalt] = /^ada:\{SSHA\}([A-Za-z0-9+/]+=*)\n$/.exec(htpasswd)?.slice(1) ?? [""];
    const raw = Buffer.from(digestAndSalt ?? "", "base64");
    const salt = raw.subarray(20);
    const recomputed = createHash("sha1")
      .update(Buffer.concat([Buffer.from(PASSWORD), salt]))
      .digest();
    expect({
      enabled,
      anonymous: await get(),
      wrongPassword: await get({ Authorization: basic("ada", "s3cret") }),
      wrongUser: await get({ Authorization: basic("bob", PASSWORD) }),
      right: await get({ Authorization: basic("ada", PASSWORD) }),
      validate: await validate(),
      files: snippetFiles(),
      hashed: {
        saltBytes: salt.length,
        matches: raw.subarray(0, 20).equals(recomputed),
        plain: htpasswd.includes("s3cret"),
      },
      store: { user: stored("user"), hash: stored("hash") === htpasswd.slice("ada:".length, -1) },
      report: await dokku("http-auth:report", APP),
      trouble: nginxTrouble(),
    }).toEqual({
      enabled: ok(`-----> Enabling HTTP auth for ${APP}\n${REBUILT}`),
      anonymous: unauthorized,
      wrongPassword: unauthorized,
      wrongUser: unauthorized,
      right: app("first release\n"),
      validate: ok(""),
      files: ["htpasswd"],
      hashed: { saltBytes: 8, matches: true, plain: false },
      store: { user: "ada", hash: true },
      report: ok(
        `=====> ${APP} http-auth information\n       Http auth enabled:             true\n       Http auth user:                ada\n`,
      ),
      trouble: [],
    });
  });

  test.each([
    [["a:b", "pw"], "User name must not contain ':'"],
    [["a b", "pw"], "User name must not contain whitespace or control characters"],
    [["eve", ""], "Password must not be empty"],
    [["eve"], "Please specify a user and a password"],
  ])(
    "refuses http-auth:enable %j in one line, writing nothing and leaving the config as it was",
    async (args, message) => {
      const before = {
        config: read(appPath("nginx.conf")),
        htpasswd: read(appPath("nginx-snippets", "htpasswd")),
        user: stored("user"),
        hash: stored("hash"),
      };
      const result = await dokku("http-auth:enable", APP, ...args);
      const after = {
        config: read(appPath("nginx.conf")),
        htpasswd: read(appPath("nginx-snippets", "htpasswd")),
        user: stored("user"),
        hash: stored("hash"),
      };
      expect({ result, unchanged: after, user: after.user }).toEqual({
        result: { stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 },
        unchanged: before,
        user: "ada",
      });
      expect(await get({ Authorization: basic("ada", PASSWORD) })).toEqual(app("first release\n"));
    },
  );

  test("with both on, maintenance wins even with the right credentials; each off in turn restores the next layer", async () => {
    await must("maintenance:on", APP);
    const bothOn = {
      anonymous: await get(),
      right: await get({ Authorization: basic("ada", PASSWORD) }),
      validate: await validate(),
      files: snippetFiles(),
    };
    await must("maintenance:off", APP);
    const authOnly = { anonymous: await get(), right: await get({ Authorization: basic("ada", PASSWORD) }) };
    const disabled = await dokku("http-auth:disable", APP);
    const neither = {
      anonymous: await get(),
      validate: await validate(),
      files: snippetFiles(),
      user: stored("user"),
      hash: stored("hash"),
    };
    expect({ bothOn, authOnly, disabled, neither, trouble: nginxTrouble() }).toEqual({
      bothOn: {
        anonymous: maintenancePage,
        right: maintenancePage,
        validate: ok(""),
        files: ["htpasswd", "respond.page"],
      },
      authOnly: { anonymous: unauthorized, right: app("first release\n") },
      disabled: ok(`-----> Disabling HTTP auth for ${APP}\n${REBUILT}`),
      neither: { anonymous: app("first release\n"), validate: ok(""), files: [], user: undefined, hash: undefined },
      trouble: [],
    });
  });

  test(
    "a redeploy keeps maintenance on: the config rebuilt at the switch keeps the snippet",
    async () => {
      await must("maintenance:on", APP);
      const deployed = await deploy("second release\n");
      const afterDeploy = { served: await get(), validate: await validate(), files: snippetFiles() };
      await must("maintenance:off", APP);
      expect({
        exitCode: deployed.exitCode,
        rebuilt: deployed.stdout.includes(REBUILT),
        warnings: deployed.stderr.split("\n").filter((line) => line.includes("plugin")),
        afterDeploy,
        afterOff: await get(),
      }).toEqual({
        exitCode: 0,
        rebuilt: true,
        warnings: [],
        afterDeploy: { served: maintenancePage, validate: ok(""), files: ["respond.page"] },
        afterOff: app("second release\n"),
      });
    },
    TIMEOUT,
  );

  test("disabling the maintenance plugin rebuilds the apps' configs at once; enabled again, its state is back", async () => {
    await must("maintenance:on", APP);
    const disabled = await dokku("plugin:disable", "maintenance");
    const whileDisabled = { served: await get(), validate: await validate(), files: snippetFiles() };
    const enabled = await dokku("plugin:enable", "maintenance");
    const reEnabled = { served: await get(), report: await dokku("maintenance:report", APP, "--maintenance-enabled") };
    await must("maintenance:off", APP);
    const rebuilt = (result: { exitCode: number; stdout: string }) => ({
      exitCode: result.exitCode,
      lines: result.stdout
        .split("\n")
        .filter(
          (line) =>
            line.startsWith("-----> Plugin") ||
            line.startsWith("-----> Rebuilding") ||
            line.startsWith("-----> Running build-config"),
        ),
    });
    expect({
      disabled: rebuilt(disabled),
      enabled: rebuilt(enabled),
      whileDisabled,
      reEnabled,
      trouble: nginxTrouble(),
    }).toEqual({
      disabled: {
        exitCode: 0,
        lines: [
          "-----> Plugin maintenance disabled",
          "-----> Rebuilding the apps' proxy configs",
          `-----> Running build-config against app ${APP}`,
        ],
      },
      enabled: {
        exitCode: 0,
        lines: [
          "-----> Plugin maintenance enabled",
          "-----> Rebuilding the apps' proxy configs",
          `-----> Running build-config against app ${APP}`,
        ],
      },
      whileDisabled: { served: app("second release\n"), validate: ok(""), files: [] },
      reEnabled: { served: maintenancePage, report: ok("true\n") },
      trouble: [],
    });
  });
});
