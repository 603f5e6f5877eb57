import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deployBusyboxPage } from "../e2e/fixtures/archive-deploy";
import { freeLoopbackPort, LOOPBACK, nginxAvailable, startNginx, type TestNginx } from "../e2e/nginx";
import { runDokku, tempRoots } from "../harness";
import { canDeploy } from "../machine";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";

const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });

describe("network:rebuild and network:rebuildall (issue 14)", () => {
  test("do nothing for an app never deployed, refuse a missing app, and warn when there are no apps", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const none = await runDokku(["network:rebuildall"], { env });
    await runDokku(["apps:create", "shop"], { env });
    expect({
      none,
      undeployed: await runDokku(["network:rebuild", "shop"], { env }),
      all: await runDokku(["network:rebuildall"], { env }),
      missing: await runDokku(["network:rebuild", "nope"], { env }),
      noApp: (await runDokku(["network:rebuild"], { env })).exitCode,
    }).toEqual({
      none: { stdout: "", stderr: " !     You haven't deployed any applications yet\n", exitCode: 0 },
      undeployed: ok(""),
      all: ok(""),
      missing: { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      noApp: 1,
    });
  });
});

const RUN = nginxAvailable() && canDeploy;
const APP = `netrebuild-${process.pid}`;
const TIMEOUT = 120_000;

describe.skipIf(!RUN)("network:rebuild, proxy types and domain warnings of a deployed app (issue 14)", () => {
  const roots = tempRoots();
  let nginx: TestNginx;
  let env: Record<string, string>;
  const config = () => join(roots.env.DOKKU_ROOT as string, APP, "nginx.conf");

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    for (const args of [
      ["domains:set-global", "rebuild.test"],
      ["proxy:set", "--global", "proxy-port", String(freeLoopbackPort())],
      ["nginx:set", "--global", "bind-address-ipv4", LOOPBACK],
      ["nginx:set", "--global", "bind-address-ipv6", "::1"],
      ["checks:set", "--global", "wait-to-retire", "0"],
      ["apps:create", APP],
      ["checks:skip", APP],
    ])
      await runDokku(args, { env });
    const deployed = await deployBusyboxPage(APP, "hello\n", env);
    if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}${deployed.stderr}`);
  }, TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    await removeAppLeftovers(await docker(), APP);
    roots[Symbol.dispose]();
  });

  test(
    "writes the proxy config again from the running web container when it is out of sync, and nothing when it is right",
    async () => {
      const deployedConfig = readFileSync(config(), "utf8");
      await runDokku(["proxy:clear-config", APP], { env });
      const cleared = existsSync(config());
      const rebuilt = await runDokku(["network:rebuild", APP], { env });
      const again = await runDokku(["network:rebuild", APP], { env });
      expect({
        cleared,
        rebuilt: {
          ...rebuilt,
          stdout: rebuilt.stdout.replace(/to [\d.]+:5000 \(web\.1\)/, "to <address>:5000 (web.1)"),
        },
        config: existsSync(config()) ? readFileSync(config(), "utf8") : undefined,
        again,
      }).toEqual({
        cleared: false,
        rebuilt: ok(
          `-----> Ensuring network configuration is in sync for ${APP}\n-----> Re-pointed ${APP} to <address>:5000 (web.1)\n`,
        ),
        config: deployedConfig,
        again: ok(`-----> Ensuring network configuration is in sync for ${APP}\n`),
      });
    },
    TIMEOUT,
  );

  test(
    "a deploy of an app whose proxy type this host cannot drive says so",
    async () => {
      const set = await runDokku(["proxy:set", APP, "type", "caddy"], { env });
      const deployed = await deployBusyboxPage(APP, "again\n", env);
      await runDokku(["proxy:set", APP, "type"], { env });
      expect({
        set: set.exitCode,
        deployed: deployed.exitCode,
        warned: deployed.stderr.includes(
          ` !     Proxy type caddy is not available on this host: ${APP} is not served by a proxy\n`,
        ),
        configured: deployed.stdout.includes("Creating http nginx.conf"),
      }).toEqual({ set: 0, deployed: 0, warned: true, configured: false });
    },
    TIMEOUT,
  );

  test(
    "a deploy warns about an IP address among the domains while nginx's default site is enabled, as Dokku",
    async () => {
      const site = join(dirname(env.DOKKU_NGINX_CONF as string), "sites-enabled", "default");
      mkdirSync(dirname(site), { recursive: true });
      writeFileSync(site, "# the distribution's default site\n");
      await runDokku(["domains:add-global", "127.0.0.1"], { env });
      const withSite = await deployBusyboxPage(APP, "with the default site\n", env);
      rmSync(site);
      const withoutSite = await deployBusyboxPage(APP, "without it\n", env);
      await runDokku(["domains:remove-global", "127.0.0.1"], { env });
      const warning =
        " !     Detected IPv4 domain name with nginx proxy enabled.\n !     Ensure the default nginx site is removed before continuing.\n";
      expect({
        deployed: [withSite.exitCode, withoutSite.exitCode],
        warned: [withSite.stderr.includes(warning), withoutSite.stderr.includes("Detected IPv4")],
      }).toEqual({ deployed: [0, 0], warned: [true, false] });
    },
    TIMEOUT,
  );
});
