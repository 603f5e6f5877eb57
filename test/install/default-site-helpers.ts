import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { NGINX_BIN } from "../e2e/nginx";

/** install.sh's catch-all for nginx >= 1.19.4 on a host with IPv6, as Dokku's default-site.conf. */
export const CATCH_ALL = `# Written by dokku's install.sh: the default server for requests whose Host (or TLS name) no app
# serves. It closes the connection without a response, so they never reach an app's server.
# Safe to edit: install.sh keeps this file. To turn it off, rename it to 00-default-vhost.conf.disabled
# and reload nginx; install.sh then leaves it off.
server {
    listen      80 default_server;
    listen      [::]:80 default_server;
    listen      443 ssl default_server;
    listen      [::]:443 ssl default_server;

    server_name _;
    access_log  off;

    ssl_reject_handshake on;
    return 444;
}
`;

/** An operator's default site: edited, so no dpkg md5 matches it. */
export const EDITED_SITE = `server {
    listen 80 default_server;
    listen [::]:80 default_server;
    server_name intranet.example;
    location / { return 200 "operator's own default site"; }
}
`;

const SYSTEM_STOCK = "/etc/nginx/sites-available/default";

/** Debian's stock default site as this machine's nginx-common shipped it (read only), when it is unchanged here. */
export function stockDefaultSite(): string | undefined {
  if (!existsSync(SYSTEM_STOCK)) return undefined;
  const conffiles = Bun.spawnSync(["dpkg-query", "-W", "-f=${Conffiles}\n", "nginx-common"]).stdout.toString();
  const md5 = conffiles
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find(([path]) => path === SYSTEM_STOCK)?.[1];
  const content = readFileSync(SYSTEM_STOCK, "utf8");
  return md5 !== undefined && new Bun.CryptoHasher("md5").update(content).digest("hex") === md5 ? content : undefined;
}

/** Lays out Debian's sites-available/default and its link in sites-enabled/ under a temp nginx root. */
export function debianDefaultSite(nginxRoot: string, content: string): { available: string; enabled: string } {
  mkdirSync(join(nginxRoot, "sites-available"), { recursive: true });
  mkdirSync(join(nginxRoot, "sites-enabled"), { recursive: true });
  const available = join(nginxRoot, "sites-available", "default");
  const enabled = join(nginxRoot, "sites-enabled", "default");
  writeFileSync(available, content);
  symlinkSync(available, enabled);
  return { available, enabled };
}

/** A stand-in nginx binary that only reports `version` (e.g. "nginx/1.18.0") as `nginx -v` does. */
export function fakeNginx(dir: string, version: string): string {
  const path = join(dir, `nginx-${version.replace("/", "-")}`);
  writeFileSync(path, `#!/bin/sh\necho "nginx version: ${version}" >&2\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Every entry under `root`: kind, mode and content or link target, to compare two runs. */
export function snapshotTree(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[path] = `link -> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        entries[path] = `dir ${mode} ${stat.uid}`;
        walk(path);
      } else entries[path] = `file ${mode} ${stat.uid} ${readFileSync(path, "utf8")}`;
    }
  };
  if (existsSync(root)) walk(root);
  return entries;
}

/**
 * Debian's nginx.conf reduced to what loads sites (conf.d/*.conf then sites-enabled/*, in http{}),
 * with its pid, logs and temp paths in `dir`, so `nginx -t -c` checks the install's nginx root.
 */
export function debianLikeMainConfig(nginxRoot: string, dir: string, extra: readonly string[] = []): string {
  return [
    ...extra,
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    "events { worker_connections 64; }",
    "http {",
    `  access_log ${dir}/access.log;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    `  include ${nginxRoot}/conf.d/*.conf;`,
    `  include ${nginxRoot}/sites-enabled/*;`,
    "}",
    "",
  ].join("\n");
}

/** `nginx -t` on a Debian-like main config over `nginxRoot`; its logs stay in `dir`. */
export function nginxCheck(nginxRoot: string, dir: string): { exitCode: number; stderr: string } {
  const conf = join(dir, "nginx.conf");
  writeFileSync(conf, debianLikeMainConfig(nginxRoot, dir));
  const result = Bun.spawnSync([NGINX_BIN, "-t", "-q", "-e", join(dir, "error.log"), "-c", conf]);
  return { exitCode: result.exitCode, stderr: result.stderr.toString() };
}
