import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { connect as connectTls } from "node:tls";
import { join } from "node:path";
import { renderNginxConfig } from "../../src/builders/nginx-config";
import { nginxDefaults, nginxSettingsFrom } from "../../src/builders/nginx-properties";
import { freeLoopbackPort, LOOPBACK, NGINX_BIN, nginxAvailable } from "../e2e/nginx";
import { DOKKU_BIN, tempDir } from "../harness";
import { debianDefaultSite, debianLikeMainConfig, stockDefaultSite } from "./default-site-helpers";
import { INSTALL_SH, installTarget, runInstaller } from "./install-target";

const isRoot = process.getuid?.() === 0;
const APP_HOST = "shop.example.test";

/** What a client gets back for `request` on a new connection: everything until nginx closes it ("" for a 444). */
function exchange(host: string, port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port }, () => socket.write(request));
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no close from ${host}:${port} within 5 s`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
  });
}

/** A TLS handshake naming `servername`, then `request`: the response, or the handshake's failure. */
function exchangeTls(
  port: number,
  servername: string,
  request: string,
): Promise<{ response?: string; failed?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connectTls({ host: LOOPBACK, port, servername, rejectUnauthorized: false }, () =>
      socket.write(request),
    );
    socket.setTimeout(5_000, () => socket.destroy(new Error("timed out")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error: Error) => resolve({ failed: error.message }));
    socket.on("close", () => resolve({ response: Buffer.concat(chunks).toString() }));
  });
}

const get = (host: string) => `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

function nginxVersion(): number[] {
  const match = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(Bun.spawnSync([NGINX_BIN, "-v"]).stderr.toString());
  return match ? match.slice(1).map(Number) : [0, 0, 0];
}

/** nginx as the install left it (a Debian-like main config over the install's nginx root), in the foreground; stopped on dispose. */
async function startInstalledNginx(nginxRoot: string, dir: string): Promise<AsyncDisposable> {
  const conf = join(dir, "nginx.conf");
  writeFileSync(conf, debianLikeMainConfig(nginxRoot, dir, ["daemon off;", "worker_processes 1;"]));
  const child = Bun.spawn([NGINX_BIN, "-e", join(dir, "error.log"), "-c", conf], {
    stdin: "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  const pidFile = join(dir, "nginx.pid");
  for (
    const deadline = Date.now() + 10_000;
    !existsSync(pidFile) || readFileSync(pidFile, "utf8").trim() === "";
    await Bun.sleep(10)
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`nginx did not start: ${await new Response(child.stderr).text()}`);
  }
  return {
    async [Symbol.asyncDispose]() {
      child.kill("SIGQUIT");
      if (!(await Promise.race([child.exited.then(() => true), Bun.sleep(5_000).then(() => false)])))
        child.kill("SIGKILL");
      await child.exited;
    },
  };
}

describe.skipIf(!isRoot || !nginxAvailable())("install.sh default site in a real nginx", () => {
  test("closes connections for unknown hosts without a response while the app's host reaches the app", async () => {
    using target = installTarget();
    using run = tempDir("dokku-default-site-nginx-");
    const nginxRoot = target.env.DOKKU_NGINX_ROOT as string;
    const stock = stockDefaultSite();
    if (stock !== undefined) debianDefaultSite(nginxRoot, stock);
    const installed = await runInstaller(["sh", INSTALL_SH], {
      ...target.env,
      DOKKU_BINARY: DOKKU_BIN,
      DOKKU_NGINX_IPV6: "1",
    });
    expect({ exitCode: installed.exitCode, stderr: installed.stderr }).toEqual({ exitCode: 0, stderr: "" });

    // the installed catch-all, moved from 80/443 on every address to this test's free loopback ports
    const [http, https] = [freeLoopbackPort(), freeLoopbackPort()];
    const sitePath = join(nginxRoot, "conf.d", "00-default-vhost.conf");
    const site = readFileSync(sitePath, "utf8");
    const moved = site
      .replace(/listen {6}80 /, `listen      ${LOOPBACK}:${http} `)
      .replace(/listen {6}\[::\]:80 /, `listen      [::1]:${http} `)
      .replace(/listen {6}443 /, `listen      ${LOOPBACK}:${https} `)
      .replace(/listen {6}\[::\]:443 /, `listen      [::1]:${https} `);
    expect(
      moved
        .split("\n")
        .filter((line) => line.includes("listen"))
        .map((line) => line.trim()),
    ).toEqual([
      `listen      ${LOOPBACK}:${http} default_server;`,
      `listen      [::1]:${http} default_server;`,
      `listen      ${LOOPBACK}:${https} ssl default_server;`,
      `listen      [::1]:${https} ssl default_server;`,
    ]);
    writeFileSync(sitePath, moved);

    // one app as dokku renders it, with a certificate, behind conf.d/dokku.conf's include
    using backend = Bun.serve({ hostname: LOOPBACK, port: 0, fetch: () => new Response("shop says hi") });
    const tls = { crtPath: join(run.path, "server.crt"), keyPath: join(run.path, "server.key") };
    const openssl = Bun.spawnSync([
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${APP_HOST}`,
      "-addext",
      `subjectAltName=DNS:${APP_HOST}`,
      "-keyout",
      tls.keyPath,
      "-out",
      tls.crtPath,
    ]);
    expect(openssl.exitCode).toBe(0);
    const [major = 0, minor = 0, patch = 0] = nginxVersion();
    const appConfig = renderNginxConfig({
      app: "shop",
      dokkuRoot: target.env.DOKKU_ROOT as string,
      vhosts: [APP_HOST],
      portMaps: [
        { scheme: "http", host: http, container: Number(backend.port) },
        { scheme: "https", host: https, container: Number(backend.port) },
      ],
      upstreams: [{ address: LOOPBACK }],
      tls,
      settings: {
        ...nginxSettingsFrom(nginxDefaults("shop", run.path)),
        bindAddressIpv4: LOOPBACK,
        bindAddressIpv6: "::1",
      },
      http2Directive: major * 1_000_000 + minor * 1_000 + patch >= 1_025_001,
    });
    expect(appConfig).not.toContain("default_server");
    mkdirSync(join(target.env.DOKKU_ROOT as string, "shop"), { recursive: true });
    writeFileSync(join(target.env.DOKKU_ROOT as string, "shop", "nginx.conf"), appConfig);

    await using _nginx = await startInstalledNginx(nginxRoot, run.path);
    const app = await exchange(LOOPBACK, http, get(APP_HOST));
    expect({ status: app.split("\r\n")[0], body: app.slice(app.indexOf("\r\n\r\n") + 4) }).toEqual({
      status: "HTTP/1.1 200 OK",
      body: "shop says hi",
    });
    expect({
      unknownHost: await exchange(LOOPBACK, http, get("unknown.example.test")),
      unknownHostIpv6: await exchange("::1", http, get("unknown.example.test")),
      serverAddress: await exchange(LOOPBACK, http, get(LOOPBACK)),
      noHost: await exchange(LOOPBACK, http, "GET / HTTP/1.0\r\n\r\n"),
    }).toEqual({ unknownHost: "", unknownHostIpv6: "", serverAddress: "", noHost: "" });

    const appTls = await exchangeTls(https, APP_HOST, get(APP_HOST));
    expect(appTls.response?.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(appTls.response).toEndWith("shop says hi");
    const unknownTls = await exchangeTls(https, "unknown.example.test", get("unknown.example.test"));
    expect({ response: unknownTls.response, failed: unknownTls.failed?.toLowerCase() }).toEqual({
      response: undefined,
      failed: expect.stringMatching(/unrecognized.name/),
    });
  });
});
