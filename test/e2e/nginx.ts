import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../harness";

/**
 * A real nginx for one test: its own temp prefix, pid file and logs, a main config that includes
 * `$DOKKU_ROOT/*\/nginx.conf` as install.sh's dokku.conf does, and no listener of its own (the
 * apps' configs listen on free loopback ports the test picks) unless a catch-all is asked for.
 * Stopped, its dir removed, at the end of the `await using` scope. Never the system nginx.
 */
export const NGINX_BIN = "/usr/sbin/nginx";
export const LOOPBACK = "127.0.0.1";

export function nginxAvailable(): boolean {
  return existsSync(NGINX_BIN);
}

export interface TestNginx extends AsyncDisposable {
  readonly dir: string;
  /** The main config: DOKKU_NGINX_CONF for the product. */
  readonly conf: string;
  /** What the product needs to drive this nginx: DOKKU_NGINX_CONF and DOKKU_NGINX_LOG_ROOT. */
  readonly env: Readonly<Record<string, string>>;
  readonly pid: number;
  /** nginx's own error log so far, for failure messages. */
  errorLog(): string;
  /** A GET through nginx on `port` with `Host: host`, on a new connection (a kept-alive one may reach a worker of the old config); status and body. */
  get(port: number, host: string, path?: string): Promise<{ status: number; body: string }>;
}

/**
 * Ports on which a catch-all `default_server` (Dokku's shipped 00-default-vhost.conf) rejects
 * requests for hosts no app serves: `return 444` on http, `ssl_reject_handshake` on https.
 * Loaded before the apps' configs, on LOOPBACK and ::1 (the apps' test bind addresses).
 */
export interface CatchAllPorts {
  readonly http?: readonly number[];
  readonly https?: readonly number[];
}

/** Dokku's catch-all default site on the given loopback ports; "" without ports. Pure. */
export function catchAllServer(ports: CatchAllPorts = {}): string {
  const listens = [
    ...(ports.http ?? []).flatMap((port) => [
      `    listen ${LOOPBACK}:${port} default_server;`,
      `    listen [::1]:${port} default_server;`,
    ]),
    ...(ports.https ?? []).flatMap((port) => [
      `    listen ${LOOPBACK}:${port} ssl default_server;`,
      `    listen [::1]:${port} ssl default_server;`,
    ]),
  ];
  if (listens.length === 0) return "";
  return [
    "  server {",
    ...listens,
    "    server_name _;",
    "    access_log off;",
    ...((ports.https ?? []).length > 0 ? ["    ssl_reject_handshake on;"] : []),
    "    return 444;",
    "  }",
  ].join("\n");
}

/** The main config of a test nginx. Pure. */
export function testMainConfig(dir: string, dokkuRoot: string, catchAll: CatchAllPorts = {}): string {
  const defaultSite = catchAllServer(catchAll);
  return [
    "daemon off;",
    // as Debian's nginx.conf that install.sh leaves: a worker per core (benches measure what production runs)
    "worker_processes auto;",
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    "events { worker_connections 256; }",
    "http {",
    `  access_log ${dir}/access.log;`,
    `  client_body_temp_path ${dir}/tmp/body;`,
    `  proxy_temp_path ${dir}/tmp/proxy;`,
    `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
    `  scgi_temp_path ${dir}/tmp/scgi;`,
    ...(defaultSite ? [defaultSite] : []),
    `  include ${dokkuRoot}/*/nginx.conf;`,
    "}",
    "",
  ].join("\n");
}

export async function startNginx(dokkuRoot: string, options: { catchAll?: CatchAllPorts } = {}): Promise<TestNginx> {
  const dir = tempDir("dokku-nginx-");
  try {
    mkdirSync(join(dir.path, "tmp"));
    mkdirSync(join(dir.path, "logs"));
    const conf = join(dir.path, "nginx.conf");
    writeFileSync(conf, testMainConfig(dir.path, dokkuRoot, options.catchAll));
    const pidFile = join(dir.path, "nginx.pid");
    const child = Bun.spawn([NGINX_BIN, "-e", join(dir.path, "error.log"), "-c", conf], {
      stdin: "ignore",
      stdout: "ignore",
      stderr: "pipe",
    });
    const errorLog = () =>
      existsSync(join(dir.path, "error.log")) ? readFileSync(join(dir.path, "error.log"), "utf8") : "";
    // the master writes its pid once it runs; it exits at once when the config is bad
    for (
      const deadline = Date.now() + 10_000;
      !existsSync(pidFile) || readFileSync(pidFile, "utf8").trim() === "";
      await Bun.sleep(10)
    ) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`nginx did not start:\n${await new Response(child.stderr).text()}${errorLog()}`);
    }
    return {
      dir: dir.path,
      conf,
      env: { DOKKU_NGINX_CONF: conf, DOKKU_NGINX_LOG_ROOT: join(dir.path, "logs") },
      pid: child.pid,
      errorLog,
      async get(port, host, path = "/") {
        const response = await fetch(`http://${LOOPBACK}:${port}${path}`, {
          headers: { Host: host, Connection: "close" },
          redirect: "manual",
          keepalive: false,
        });
        return { status: response.status, body: await response.text() };
      },
      async [Symbol.asyncDispose]() {
        child.kill("SIGQUIT");
        const stopped = await Promise.race([child.exited.then(() => true), Bun.sleep(5_000).then(() => false)]);
        if (!stopped) {
          child.kill("SIGKILL");
          await child.exited;
        }
        dir[Symbol.dispose]();
      },
    };
  } catch (error) {
    dir[Symbol.dispose]();
    throw error;
  }
}

/** A loopback port nothing listens on now, found at run time. */
export function freeLoopbackPort(): number {
  const listener = Bun.listen({ hostname: LOOPBACK, port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}
