/**
 * The reference row of bench/zero-downtime.ts: the same nginx binary and main config as the
 * bench's own nginx (test/e2e/nginx.ts), serving a hand-written minimal server, so its ratio to
 * the container reached directly is what nginx itself costs, and ours to it what our generated
 * config adds on top.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startNginx, type TestNginx } from "../../test/e2e/nginx";

/**
 * The `access_log` directive of a rendered app config, pointed at `path` (same format, same
 * buffering: the reference logs every request exactly as ours does). Pure.
 */
export function accessLogLike(appConfig: string, path: string): string {
  const match = /^[ \t]*access_log[ \t]+([^\s;]+)([^;]*);/m.exec(appConfig);
  if (!match) throw new Error("the app's nginx.conf has no access_log line");
  return match[1] === "off" ? "access_log off;" : `access_log ${path}${match[2]};`;
}

/** A minimal proxy: one listen, the access log line, `location / { proxy_pass }`, nothing else. Pure. */
export function referenceServer(listen: string, upstream: string, accessLog: string): string {
  return [
    "server {",
    `  listen ${listen};`,
    `  ${accessLog}`,
    "  location / {",
    `    proxy_pass http://${upstream};`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/**
 * Starts the reference nginx on `listen` in `dir` (its own `*\/nginx.conf` root), proxying to
 * `upstream`, with the access log of `appConfig` written to `dir/logs/reference-access.log`;
 * the nginx and that access_log line.
 */
export async function startReferenceNginx(
  dir: string,
  listen: string,
  upstream: string,
  appConfig: string,
): Promise<{ nginx: TestNginx; accessLog: string }> {
  mkdirSync(join(dir, "reference"), { recursive: true });
  mkdirSync(join(dir, "logs"), { recursive: true });
  const accessLog = accessLogLike(appConfig, join(dir, "logs", "reference-access.log"));
  writeFileSync(join(dir, "reference", "nginx.conf"), referenceServer(listen, upstream, accessLog));
  return { nginx: await startNginx(dir), accessLog };
}

/** The app's rendered config as the product wrote it. */
export function readAppConfig(dokkuRoot: string, app: string): string {
  return readFileSync(join(dokkuRoot, app, "nginx.conf"), "utf8");
}
