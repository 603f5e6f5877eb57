import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { freeLoopbackPort, nginxAvailable, startNginx } from "../e2e/nginx";

const HAVE_NGINX = nginxAvailable();

function propertiesOf(env: Record<string, string>, scope: string): string[] {
  const dir = join(env.DOKKU_LIB_ROOT as string, "config", "nginx", scope);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("nginx:set", () => {
  test("sets and unsets a property of an app and --global, shown by nginx:report", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
    const set = await dokku("nginx:set", "shop", "client-max-body-size", "50m");
    const global = await dokku("nginx:set", "--global", "proxy-read-timeout", "120s");
    const computed = await dokku("nginx:report", "shop", "--nginx-computed-proxy-read-timeout");
    const body = await dokku("nginx:report", "shop", "--nginx-client-max-body-size");
    const unset = await dokku("nginx:set", "shop", "client-max-body-size");
    expect({ set, global, computed, body, unset, left: propertiesOf(roots.env, "shop") }).toEqual({
      set: { stdout: "=====> Setting client-max-body-size to 50m\n", stderr: "", exitCode: 0 },
      global: { stdout: "=====> Setting proxy-read-timeout to 120s\n", stderr: "", exitCode: 0 },
      computed: { stdout: "120s\n", stderr: "", exitCode: 0 },
      body: { stdout: "50m\n", stderr: "", exitCode: 0 },
      unset: { stdout: "=====> Unsetting client-max-body-size\n", stderr: "", exitCode: 0 },
      left: [],
    });
  });

  test("refuses bad values, unknown keys and missing apps, writing nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const attempts = [
      ["shop", "client-max-body-size", "1m; include /etc/shadow"],
      ["shop", "hsts", "yes"],
      ["shop", "proxy-keepalive", "many"],
      ["shop", "bind-address-ipv4", "example.com"],
      ["shop", "access-log-path", "logs/a.log"],
      ["shop", "x-forwarded-proto-value", "https }"],
      ["shop", "nginx-conf-sigil-path", "x.sigil"],
      ["shop"],
      ["nope", "hsts", "true"],
    ];
    const results = await Promise.all(attempts.map((args) => runDokku(["nginx:set", ...args], { env: roots.env })));
    const keys =
      "access-log-format, access-log-path, bind-address-ipv4, bind-address-ipv6, client-body-timeout, client-header-timeout, client-max-body-size, error-log-path, hsts, hsts-include-subdomains, hsts-max-age, hsts-preload, keepalive-timeout, lingering-timeout, proxy-buffer-size, proxy-buffering, proxy-buffers, proxy-busy-buffers-size, proxy-connect-timeout, proxy-keepalive, proxy-read-timeout, proxy-send-timeout, send-timeout, underscore-in-headers, x-forwarded-for-value, x-forwarded-port-value, x-forwarded-proto-value, x-forwarded-ssl";
    expect({ results, shop: propertiesOf(roots.env, "shop"), nope: propertiesOf(roots.env, "nope") }).toEqual({
      results: [
        {
          stdout: "",
          stderr: " !     Invalid value for client-max-body-size: must be a size such as 1m (k, m or g)\n",
          exitCode: 1,
        },
        { stdout: "", stderr: " !     Invalid value for hsts: must be true or false\n", exitCode: 1 },
        { stdout: "", stderr: " !     Invalid value for proxy-keepalive: must be an integer\n", exitCode: 1 },
        { stdout: "", stderr: " !     Invalid value for bind-address-ipv4: must be an IPv4 address\n", exitCode: 1 },
        {
          stdout: "",
          stderr: " !     Invalid value for access-log-path: must be an absolute path or off\n",
          exitCode: 1,
        },
        {
          stdout: "",
          stderr: " !     Invalid value for x-forwarded-proto-value: must be one nginx value such as $scheme\n",
          exitCode: 1,
        },
        { stdout: "", stderr: ` !     Invalid key specified, valid keys include: ${keys}\n`, exitCode: 1 },
        { stdout: "", stderr: " !     No key specified\n", exitCode: 1 },
        { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      ],
      shop: [],
      nope: [],
    });
  });
});

describe("nginx:report", () => {
  test("shows an app's own, global and computed values, and only the global ones for --global", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const env = { ...roots.env, DOKKU_NGINX_LOG_ROOT: "/srv/nginx-logs" };
    const json = JSON.parse((await runDokku(["nginx:report", "shop", "--format", "json"], { env })).stdout) as Record<
      string,
      string
    >;
    const global = await runDokku(["nginx:report", "--global", "--format", "json"], { env });
    expect({
      accessLog: json["computed-access-log-path"],
      hsts: json["computed-hsts"],
      keepalive: json["computed-proxy-keepalive"],
      own: json["client-max-body-size"],
      lastVisited: json["last-visited-at"],
      globalKeys: Object.keys(JSON.parse(global.stdout) as object).every(
        (key) => key.startsWith("global-") || key.startsWith("nginx-global-"),
      ),
    }).toEqual({
      accessLog: "/srv/nginx-logs/shop-access.log",
      hsts: "true",
      keepalive: "32",
      own: "",
      lastVisited: "",
      globalKeys: true,
    });
  });
});

describe("nginx:show-config and logs", () => {
  test("show-config prints the app's config, and says when there is none", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const missing = await runDokku(["nginx:show-config", "shop"], { env: roots.env });
    writeFileSync(join(roots.env.DOKKU_ROOT as string, "shop", "nginx.conf"), "server {}\n");
    const shown = await runDokku(["nginx:show-config", "shop"], { env: roots.env });
    expect({ missing, shown }).toEqual({
      missing: { stdout: "", stderr: " !     No nginx.conf exists for shop\n", exitCode: 1 },
      shown: { stdout: "server {}\n", stderr: "", exitCode: 0 },
    });
  });

  test("access-logs prints the last 20 lines; disabled or missing logs are refused", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const logRoot = join(roots.dir, "nginx-logs");
    mkdirSync(logRoot);
    writeFileSync(join(logRoot, "shop-access.log"), Array.from({ length: 25 }, (_, at) => `line ${at + 1}\n`).join(""));
    const env = { ...roots.env, DOKKU_NGINX_LOG_ROOT: logRoot };
    const access = await runDokku(["nginx:access-logs", "shop"], { env });
    const missing = await runDokku(["nginx:error-logs", "shop"], { env });
    await runDokku(["nginx:set", "shop", "access-log-path", "off"], { env });
    const disabled = await runDokku(["nginx:access-logs", "shop"], { env });
    expect({ access, missing, disabled }).toEqual({
      access: { stdout: Array.from({ length: 20 }, (_, at) => `line ${at + 6}\n`).join(""), stderr: "", exitCode: 0 },
      missing: { stdout: "", stderr: ` !     No error log at ${logRoot}/shop-error.log\n`, exitCode: 1 },
      disabled: { stdout: "", stderr: " !     access logs are disabled for this app\n", exitCode: 1 },
    });
  });
});

describe.skipIf(!HAVE_NGINX)("nginx:validate-config and nginx:reload with a real nginx", () => {
  test("passes silently on a valid config; shows a broken app config with nginx's error; --clean removes it", async () => {
    using roots = tempRoots();
    await using nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    const env = { ...roots.env, ...nginx.env };
    await runDokku(["apps:create", "good"], { env });
    await runDokku(["apps:create", "bad"], { env });
    const port = freeLoopbackPort();
    writeFileSync(
      join(roots.env.DOKKU_ROOT as string, "good", "nginx.conf"),
      `server { listen 127.0.0.1:${port}; return 200 "good"; }\n`,
    );
    const valid = await runDokku(["nginx:validate-config"], { env });
    const reloaded = await runDokku(["nginx:reload"], { env });
    const badPath = join(roots.env.DOKKU_ROOT as string, "bad", "nginx.conf");
    writeFileSync(badPath, "server { nonsense; }\n");
    const invalid = await runDokku(["nginx:validate-config"], { env });
    const reloadRefused = await runDokku(["nginx:reload"], { env });
    const kept = existsSync(badPath);
    const cleaned = await runDokku(["nginx:validate-config", "--clean"], { env });
    expect({
      valid,
      reloaded,
      invalid: {
        stdout: invalid.stdout,
        warning: invalid.stderr.split("\n")[0],
        names: invalid.stderr.includes(`unknown directive "nonsense" in ${badPath}:1`),
        exitCode: invalid.exitCode,
      },
      reloadRefused: { names: reloadRefused.stderr.includes(`in ${badPath}:1`), exitCode: reloadRefused.exitCode },
      kept,
      cleaned: { stdout: cleaned.stdout, exitCode: cleaned.exitCode },
      removed: !existsSync(badPath),
      served: await nginx.get(port, "good.test"),
    }).toEqual({
      valid: { stdout: "", stderr: "", exitCode: 0 },
      reloaded: { stdout: "", stderr: "", exitCode: 0 },
      invalid: {
        stdout: "server { nonsense; }\n",
        warning: " !     Failed to validate nginx config for bad. Contents below...",
        names: true,
        exitCode: 1,
      },
      reloadRefused: { names: true, exitCode: 1 },
      kept: true,
      cleaned: { stdout: "server { nonsense; }\n-----> Removing invalid nginx config for bad\n", exitCode: 0 },
      removed: true,
      served: { status: 200, body: "good" },
    });
  });
});
