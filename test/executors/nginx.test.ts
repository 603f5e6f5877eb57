import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderNginxConfig } from "../../src/builders/nginx-config";
import { nginxDefaults, nginxSettingsFrom } from "../../src/builders/nginx-properties";
import { isDokkuError } from "../../src/core/errors";
import { changeConfig, defaultSitePath, nginxArgv, nginxExecutor, pidPathIn } from "../../src/executors/nginx";
import { runProgram, tempDir } from "../harness";
import { freeLoopbackPort, nginxAvailable, NGINX_BIN, startNginx } from "../e2e/nginx";

const HAVE_NGINX = nginxAvailable();
if (!HAVE_NGINX) console.warn(`skipping real nginx tests: ${NGINX_BIN} is missing`);

describe("nginxArgv", () => {
  test("tests and reloads the given main config as root, and goes through sudo -n for the dokku user", () => {
    expect({
      root: [
        nginxArgv({ bin: "/usr/sbin/nginx", conf: "/tmp/n.conf", sudo: false }, "test"),
        nginxArgv({ bin: "/usr/sbin/nginx", conf: "/tmp/n.conf", sudo: false }, "reload"),
      ],
      dokku: [
        nginxArgv({ bin: "/usr/sbin/nginx", sudo: true }, "test"),
        nginxArgv({ bin: "/usr/sbin/nginx", sudo: true }, "reload"),
      ],
      version: nginxArgv({ bin: "/opt/nginx", sudo: true }, "version"),
    }).toEqual({
      root: [
        ["/usr/sbin/nginx", "-t", "-c", "/tmp/n.conf"],
        ["/usr/sbin/nginx", "-s", "reload", "-c", "/tmp/n.conf"],
      ],
      dokku: [
        ["sudo", "-n", "/usr/sbin/nginx", "-t"],
        ["sudo", "-n", "/usr/sbin/nginx", "-s", "reload"],
      ],
      version: ["/opt/nginx", "-v"],
    });
  });
});

describe("pidPathIn", () => {
  test("finds the pid directive of a main config", () => {
    expect([
      pidPathIn("user www-data;\npid /run/nginx.pid;\n"),
      pidPathIn("  pid   /tmp/x.pid ;"),
      pidPathIn("events {}"),
    ]).toEqual(["/run/nginx.pid", "/tmp/x.pid", undefined]);
  });
});

/** A server block answering `text` on a loopback port. */
function answering(port: number, text: string): string {
  return `server {\n  listen 127.0.0.1:${port};\n  location / { return 200 "${text}"; }\n}\n`;
}

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isDokkuError(error)) return error.message;
    throw error;
  }
  return "(nothing thrown)";
}

describe.skipIf(!HAVE_NGINX)("changeConfig with a real nginx", () => {
  test("makes a checked config live and waits for the reload: the next request sees it", async () => {
    using root = tempDir();
    await using nginx = await startNginx(root.path);
    const port = freeLoopbackPort();
    const executor = nginxExecutor({ bin: NGINX_BIN, conf: nginx.conf, sudo: false });
    const change = (text: string | undefined) =>
      changeConfig(executor, {
        path: join(root.path, "shop", "nginx.conf"),
        text,
        lockPath: join(root.path, "nginx.lock"),
      });
    const first = await change(answering(port, "v1"));
    const servedFirst = await nginx.get(port, "shop.test");
    const second = await change(answering(port, "v2"));
    const servedSecond = await nginx.get(port, "shop.test");
    const same = await change(answering(port, "v2"));
    expect({ first, servedFirst, second, servedSecond, same }).toEqual({
      first: "reloaded",
      servedFirst: { status: 200, body: "v1" },
      second: "reloaded",
      servedSecond: { status: 200, body: "v2" },
      same: "unchanged",
    });
  });

  test("never makes a config that fails nginx -t live: the error is nginx's, the old file stays and keeps serving", async () => {
    using root = tempDir();
    await using nginx = await startNginx(root.path);
    const port = freeLoopbackPort();
    const path = join(root.path, "shop", "nginx.conf");
    const executor = nginxExecutor({ bin: NGINX_BIN, conf: nginx.conf, sudo: false });
    await changeConfig(executor, { path, text: answering(port, "v1"), lockPath: join(root.path, "nginx.lock") });
    const message = await errorOf(() =>
      changeConfig(executor, {
        path,
        text: "server { listen 127.0.0.1:1; bogus_directive on; }\n",
        lockPath: join(root.path, "nginx.lock"),
      }),
    );
    expect({
      firstLine: message.split("\n")[0],
      namesTheFile: message.includes(`unknown directive "bogus_directive" in ${path}:1`),
      file: readFileSync(path, "utf8"),
      served: await nginx.get(port, "shop.test"),
    }).toEqual({
      firstLine: "nginx refused the new config (the old one stays live):",
      namesTheFile: true,
      file: answering(port, "v1"),
      served: { status: 200, body: "v1" },
    });
  });

  test("a removed config stops being served; a new app's bad first config leaves no file", async () => {
    using root = tempDir();
    await using nginx = await startNginx(root.path);
    const port = freeLoopbackPort();
    const executor = nginxExecutor({ bin: NGINX_BIN, conf: nginx.conf, sudo: false });
    const lockPath = join(root.path, "nginx.lock");
    await changeConfig(executor, {
      path: join(root.path, "shop", "nginx.conf"),
      text: answering(port, "v1"),
      lockPath,
    });
    const removed = await changeConfig(executor, {
      path: join(root.path, "shop", "nginx.conf"),
      text: undefined,
      lockPath,
    });
    const refused = await errorOf(() =>
      changeConfig(executor, { path: join(root.path, "new", "nginx.conf"), text: "oops\n", lockPath }),
    );
    const request = await nginx.get(port, "shop.test").then(
      () => "answered",
      () => "refused",
    );
    expect({
      removed,
      refusedFirstLine: refused.split("\n")[0],
      shop: existsSync(join(root.path, "shop", "nginx.conf")),
      fresh: existsSync(join(root.path, "new", "nginx.conf")),
      request,
    }).toEqual({
      removed: "reloaded",
      refusedFirstLine: "nginx refused the new config (the old one stays live):",
      shop: false,
      fresh: false,
      request: "refused",
    });
  });

  test("only writes the file when nginx is not running", async () => {
    using root = tempDir();
    const conf = join(root.path, "main.conf");
    writeFileSync(conf, `pid ${root.path}/none.pid;\nevents {}\n`);
    const executor = nginxExecutor({ bin: NGINX_BIN, conf, sudo: false });
    const path = join(root.path, "shop", "nginx.conf");
    const outcome = await changeConfig(executor, { path, text: "anything\n", lockPath: join(root.path, "nginx.lock") });
    expect({ outcome, running: executor.running(), file: readFileSync(path, "utf8") }).toEqual({
      outcome: "written",
      running: false,
      file: "anything\n",
    });
  });

  test("runs beforeWrite before a new text only, and a refusal there keeps the old file untouched", async () => {
    using root = tempDir();
    const conf = join(root.path, "main.conf");
    writeFileSync(conf, `pid ${root.path}/none.pid;\nevents {}\n`);
    const executor = nginxExecutor({ bin: NGINX_BIN, conf, sudo: false });
    const path = join(root.path, "shop", "nginx.conf");
    const lockPath = join(root.path, "nginx.lock");
    const checked: string[] = [];
    const check = (verdict: "ok" | "refuse") => async () => {
      checked.push(verdict);
      if (verdict === "refuse") throw new Error("not the app's container");
    };
    await changeConfig(executor, { path, text: "v1\n", lockPath, beforeWrite: check("ok") });
    const unchanged = await changeConfig(executor, { path, text: "v1\n", lockPath, beforeWrite: check("refuse") });
    const refused = await changeConfig(executor, { path, text: "v2\n", lockPath, beforeWrite: check("refuse") }).catch(
      (error: Error) => error.message,
    );
    const kept = readFileSync(path, "utf8");
    const removed = await changeConfig(executor, { path, text: undefined, lockPath, beforeWrite: check("refuse") });
    expect({ unchanged, refused, kept, removed, checked, exists: existsSync(path) }).toEqual({
      unchanged: "unchanged",
      refused: "not the app's container",
      kept: "v1\n",
      removed: "written",
      checked: ["ok", "refuse"],
      exists: false,
    });
  });

  test("every variant the renderer produces passes nginx -t", async () => {
    using dir = tempDir();
    const tls = { crtPath: join(dir.path, "server.crt"), keyPath: join(dir.path, "server.key") };
    const made = await runProgram([
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=shop.test",
      "-keyout",
      tls.keyPath,
      "-out",
      tls.crtPath,
    ]);
    expect(made.exitCode).toBe(0);
    const settings = nginxSettingsFrom({
      ...nginxDefaults("shop", dir.path),
      "x-forwarded-ssl": "on",
      "access-log-format": "combined",
    });
    const [http, https, other] = [freeLoopbackPort(), freeLoopbackPort(), freeLoopbackPort()];
    const maps = [
      { scheme: "http", host: http, container: 5000 },
      { scheme: "https", host: https, container: 5000 },
      { scheme: "http", host: other, container: 3000 },
    ] as const;
    const base = {
      app: "shop",
      dokkuRoot: dir.path,
      vhosts: ["shop.test", "www.shop.test"],
      portMaps: maps,
      settings,
      http2Directive: false,
    };
    const variants = [
      renderNginxConfig({ ...base, upstreams: [{ address: "172.17.0.2" }, { address: "fd00::2" }], tls }),
      renderNginxConfig({ ...base, upstreams: [], tls }),
      renderNginxConfig({ ...base, vhosts: [], upstreams: [{ address: "172.17.0.2" }] }),
    ];
    const results = [];
    for (const [at, text] of variants.entries()) {
      mkdirSync(join(dir.path, String(at)));
      writeFileSync(join(dir.path, String(at), "app.conf"), text);
      writeFileSync(
        join(dir.path, String(at), "main.conf"),
        `pid ${dir.path}/${at}.pid;\nerror_log ${dir.path}/error.log;\nevents {}\nhttp {\n  include ${dir.path}/${at}/app.conf;\n}\n`,
      );
      const tested = await nginxExecutor({
        bin: NGINX_BIN,
        conf: join(dir.path, String(at), "main.conf"),
        sudo: false,
      }).test();
      results.push(tested.ok ? "ok" : tested.output);
    }
    expect(results).toEqual(["ok", "ok", "ok"]);
  });
});

describe("defaultSitePath", () => {
  test("is sites-enabled/default beside the main config nginx loads", () => {
    expect([
      defaultSitePath({ bin: "/usr/sbin/nginx", sudo: true }),
      defaultSitePath({ bin: "/usr/sbin/nginx", conf: "/tmp/test-nginx/nginx.conf", sudo: false }),
    ]).toEqual(["/etc/nginx/sites-enabled/default", "/tmp/test-nginx/sites-enabled/default"]);
  });
});
