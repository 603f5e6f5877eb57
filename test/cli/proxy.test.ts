import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

function propertiesOf(env: Record<string, string>, scope: string): string[] {
  const dir = join(env.DOKKU_LIB_ROOT as string, "config", "proxy", scope);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("proxy:report", () => {
  test("shows Dokku's keys with nginx as the computed type", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const report = await runDokku(["proxy:report", "shop"], { env: roots.env });
    const global = await runDokku(["proxy:report", "--global", "--format", "json"], { env: roots.env });
    expect({ report, global: JSON.parse(global.stdout) as object }).toEqual({
      report: {
        stdout: [
          "=====> shop proxy information",
          "       Proxy computed disabled:       false",
          "       Proxy computed proxy port:     ",
          "       Proxy computed proxy ssl port: ",
          "       Proxy computed type:           nginx",
          "       Proxy disabled:                ",
          "       Proxy enabled:                 true",
          "       Proxy global proxy port:       ",
          "       Proxy global proxy ssl port:   ",
          "       Proxy global type:             ",
          "       Proxy proxy port:              ",
          "       Proxy proxy ssl port:          ",
          "       Proxy type:                    ",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      global: {
        "computed-proxy-port": "",
        "computed-proxy-ssl-port": "",
        "computed-type": "nginx",
        "global-proxy-port": "",
        "global-proxy-ssl-port": "",
        "global-type": "",
        "proxy-computed-proxy-port": "",
        "proxy-computed-proxy-ssl-port": "",
        "proxy-computed-type": "nginx",
        "proxy-global-proxy-port": "",
        "proxy-global-proxy-ssl-port": "",
        "proxy-global-type": "",
      },
    });
  });
});

describe("proxy:set", () => {
  test("sets the type (also the older `proxy:set <app> <type>`) and ports", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
    const type = await dokku("proxy:set", "shop", "nginx");
    const port = await dokku("proxy:set", "--global", "proxy-port", "8080");
    const computed = await dokku("proxy:report", "shop", "--proxy-computed-proxy-port");
    expect({ type, port, computed, props: propertiesOf(roots.env, "shop") }).toEqual({
      type: { stdout: "=====> Setting type to nginx\n", stderr: "", exitCode: 0 },
      port: { stdout: "=====> Setting proxy-port to 8080\n", stderr: "", exitCode: 0 },
      computed: { stdout: "8080\n", stderr: "", exitCode: 0 },
      props: ["type"],
    });
  });

  test("issue 14: takes Dokku's other proxy types with a warning, reporting raw, global and computed type", async () => {
    using roots = tempRoots();
    const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
    await dokku("apps:create", "shop");
    const types = async () => {
      const report = JSON.parse((await dokku("proxy:report", "shop", "--format", "json")).stdout) as Record<
        string,
        string
      >;
      const global = JSON.parse((await dokku("proxy:report", "--global", "--format", "json")).stdout) as Record<
        string,
        string
      >;
      return [
        report["proxy-type"],
        report["proxy-global-type"],
        report["proxy-computed-type"],
        global["proxy-computed-type"],
      ];
    };
    const before = await types();
    const global = await dokku("proxy:set", "--global", "type", "caddy");
    const withGlobal = await types();
    const app = await dokku("proxy:set", "shop", "type", "traefik");
    const withApp = await types();
    await dokku("proxy:set", "shop", "type");
    const unset = await dokku("proxy:set", "--global", "type");
    expect({ before, global, withGlobal, app, withApp, unset, after: await types() }).toEqual({
      before: ["", "", "nginx", "nginx"],
      global: {
        stdout: "=====> Setting type to caddy\n",
        stderr: " !     Proxy type caddy is not available on this host: apps of this type get no proxy config\n",
        exitCode: 0,
      },
      withGlobal: ["", "caddy", "caddy", "caddy"],
      app: {
        stdout: "=====> Setting type to traefik\n",
        stderr: " !     Proxy type traefik is not available on this host: apps of this type get no proxy config\n",
        exitCode: 0,
      },
      withApp: ["traefik", "caddy", "traefik", "caddy"],
      unset: { stdout: "=====> Unsetting type\n", stderr: "", exitCode: 0 },
      after: ["", "", "nginx", "nginx"],
    });
  });

  test("refuses unknown proxy types, port maps, bad ports and properties, writing nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const attempts = [
      ["shop", "nginxx"],
      ["shop", "http:80:5000"],
      ["shop", "proxy-port", "99999"],
      ["shop", "proxy-ssl-port", "https"],
      ["shop", "disabled", "maybe"],
      ["--global", "disabled", "true"],
      ["nope", "nginx"],
    ];
    const results = await Promise.all(attempts.map((args) => runDokku(["proxy:set", ...args], { env: roots.env })));
    expect({ results, shop: propertiesOf(roots.env, "shop"), global: propertiesOf(roots.env, "--global") }).toEqual({
      results: [
        {
          stdout: "",
          stderr: " !     Invalid proxy type nginxx, valid types: caddy, haproxy, nginx, openresty, traefik\n",
          exitCode: 1,
        },
        {
          stdout: "",
          stderr:
            " !     Detected potential port mapping instead of proxy type\n !     Consider using ports:set command or specifying a valid proxy\n",
          exitCode: 1,
        },
        { stdout: "", stderr: " !     Invalid proxy-port 99999: must be a port number (1-65535)\n", exitCode: 1 },
        { stdout: "", stderr: " !     Invalid proxy-ssl-port https: must be a port number (1-65535)\n", exitCode: 1 },
        { stdout: "", stderr: " !     Invalid disabled value: must be true or false\n", exitCode: 1 },
        { stdout: "", stderr: " !     Property cannot be specified globally\n", exitCode: 1 },
        { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      ],
      shop: [],
      global: [],
    });
  });
});

describe("proxy:enable and proxy:disable", () => {
  test("toggle the proxy with Dokku's messages; disabling removes the app's nginx config", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const config = join(roots.env.DOKKU_ROOT as string, "shop", "nginx.conf");
    writeFileSync(config, "server {}\n");
    // the test's own nginx config, whose master never runs (not the machine's, which may): the
    // file changes, nothing reloads
    const env = roots.env;
    const disable = await runDokku(["proxy:disable", "shop"], { env });
    const again = await runDokku(["proxy:disable", "shop"], { env });
    const removed = !existsSync(config);
    const enabled = await runDokku(["proxy:report", "shop", "--proxy-enabled"], { env });
    const enable = await runDokku(["proxy:enable", "shop"], { env });
    const missing = await runDokku(["proxy:enable", "nope"], { env });
    expect({ disable, again, removed, enabled, enable, missing, after: propertiesOf(roots.env, "shop") }).toEqual({
      disable: {
        stdout:
          "-----> Disabling proxy for app\n-----> Nginx support is disabled for app (shop)\n-----> Deleting nginx.conf\n       nginx is not running: the change applies when it starts\n",
        stderr: "",
        exitCode: 0,
      },
      again: { stdout: "-----> Proxy is already disable for app\n", stderr: "", exitCode: 0 },
      removed: true,
      enabled: { stdout: "false\n", stderr: "", exitCode: 0 },
      enable: { stdout: "-----> Enabling proxy for app\n", stderr: "", exitCode: 0 },
      missing: { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      after: [],
    });
  });

  test("build-config and clear-config leave an app that never deployed alone", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const build = await runDokku(["proxy:build-config", "shop"], { env: roots.env });
    const clear = await runDokku(["proxy:clear-config", "shop"], { env: roots.env });
    const bad = await runDokku(["proxy:build-config", "--parallel", "x", "--all"], { env: roots.env });
    expect({
      build,
      clear,
      bad,
      config: existsSync(join(roots.env.DOKKU_ROOT as string, "shop", "nginx.conf")),
    }).toEqual({
      build: { stdout: "", stderr: "", exitCode: 0 },
      clear: { stdout: "", stderr: "", exitCode: 0 },
      bad: { stdout: "", stderr: " !     Invalid value x for --parallel flag\n", exitCode: 1 },
      config: false,
    });
  });
});
