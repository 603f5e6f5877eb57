import { fail } from "../core/errors";

/**
 * The router of a swarm app: a small image holding the host's own nginx binary and the shared
 * libraries it links, and the nginx.conf it runs with. The router sits on the app's attachable
 * overlay network and proxies each of its listen ports to one `<app>-<proc>` service, found
 * through Docker's embedded DNS (dnsrr gives only healthy tasks).
 */

/** Where each file of the router's root filesystem comes from on the host, and the empty dirs it needs. */
export interface RouterRootfsPlan {
  /** Host path (read through symlinks, as `cp -L`) and absolute path inside the image. */
  readonly files: readonly { readonly from: string; readonly to: string }[];
  /** Absolute directories the image holds, parents first. */
  readonly dirs: readonly string[];
}

/** Directories nginx opens at run time, whatever its config says (compiled-in defaults). */
const RUNTIME_DIRS = ["/bin", "/etc/nginx", "/run", "/tmp", "/var/lib/nginx", "/var/lock", "/var/log/nginx"];

/**
 * The libraries `ldd` lists, in its order, without duplicates. The vDSO has no file and is
 * skipped; a library ldd could not find, or a line it cannot read, is an error. A static
 * binary ("statically linked", "not a dynamic executable") needs none. Pure.
 */
export function lddLibraries(ldd: string): string[] {
  const libraries: string[] = [];
  for (const raw of ldd.split("\n")) {
    const line = raw.trim();
    if (line === "" || line === "statically linked" || line.endsWith("not a dynamic executable")) continue;
    const arrow = /^(\S+) => (.*)$/.exec(line);
    if (arrow) {
      const target = (arrow[2] ?? "").replace(/\s*\(0x[0-9a-f]+\)$/, "");
      if (target === "not found") fail(`nginx needs ${arrow[1]}, which ldd could not find`);
      if (target.startsWith("/")) libraries.push(target);
      else if (target !== "") fail(`cannot read ldd output line: ${line}`);
      continue;
    }
    const plain = /^(\S+) \(0x[0-9a-f]+\)$/.exec(line);
    if (!plain) fail(`cannot read ldd output line: ${line}`);
    const path = plain[1] ?? "";
    if (path.startsWith("/")) libraries.push(path);
  }
  return [...new Set(libraries)];
}

/** The nginx binary and its libraries at the same paths inside the image, and every dir they need. Pure. */
export function routerRootfsPlan(ldd: string, nginxBin: string): RouterRootfsPlan {
  if (!nginxBin.startsWith("/")) fail(`nginx binary path must be absolute: ${nginxBin}`);
  const files = [nginxBin, ...lddLibraries(ldd).filter((library) => library !== nginxBin)].map((path) => ({ from: path, to: path }));
  const dirs = new Set<string>();
  for (const dir of [...files.map((file) => parentOf(file.to)), ...RUNTIME_DIRS]) {
    for (let current = dir; current !== "/"; current = parentOf(current)) dirs.add(current);
  }
  return { files, dirs: [...dirs].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)) };
}

/** One process type the router serves: the service `<app>-<name>`, answering on `port` in its tasks. */
export interface RouterService {
  readonly name: string;
  readonly port: number;
}

export interface RouterConfigInput {
  readonly app: string;
  readonly services: readonly RouterService[];
  /** The router's first listen port; service `i` (in the given order) answers on `listenPort + i`. */
  readonly listenPort: number;
}

/** The port the router listens on for each service, in the given order. Pure. */
export function routerListenPorts(input: RouterConfigInput): { service: string; listen: number }[] {
  return input.services.map((service, index) => ({ service: `${input.app}-${service.name}`, listen: input.listenPort + index }));
}

/** Headers the host nginx sets that the router passes on unchanged. */
const PASSED_HEADERS = [
  ["Host", "$http_host"],
  ["X-Forwarded-For", "$http_x_forwarded_for"],
  ["X-Forwarded-Port", "$http_x_forwarded_port"],
  ["X-Forwarded-Proto", "$http_x_forwarded_proto"],
  ["X-Request-Start", "$http_x_request_start"],
  ["Upgrade", "$http_upgrade"],
  ["Connection", "$http_connection"],
] as const;

/**
 * The router's whole nginx.conf: foreground, one worker, errors on stderr, every writable path
 * under /tmp, and one server per service. The upstream goes through a variable so nginx asks
 * Docker's DNS (127.0.0.11) again every second instead of pinning the task IPs it saw at start. Pure.
 */
export function routerNginxConfig(input: RouterConfigInput): string {
  if (input.services.length === 0) fail(`router for ${input.app} needs at least one service`);
  const ports = routerListenPorts(input);
  for (const port of [input.listenPort, ...ports.map((entry) => entry.listen)]) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`router listen port must be 1-65535: ${port}`);
  }
  const seen = new Set<string>();
  for (const service of input.services) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(service.name)) fail(`router service name is invalid: ${service.name}`);
    if (seen.has(service.name)) fail(`router service is listed twice: ${service.name}`);
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) fail(`router service ${service.name} port must be 1-65535: ${service.port}`);
    seen.add(service.name);
  }
  const servers = input.services.map((service, index) => routerServer(`${input.app}-${service.name}`, service.port, ports[index]?.listen ?? 0));
  return `user nobody nogroup;
daemon off;
worker_processes 1;
error_log stderr warn;
pid /tmp/nginx.pid;

events {
  worker_connections 1024;
}

http {
  access_log off;
  resolver 127.0.0.11 valid=1s ipv6=off;
  resolver_timeout 2s;
  client_body_temp_path /tmp/client_body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  client_max_body_size 0;
  proxy_http_version 1.1;
  proxy_buffering off;
  proxy_request_buffering off;
  proxy_read_timeout 3600s;
  proxy_connect_timeout 1s;
  proxy_next_upstream error timeout http_502;
${PASSED_HEADERS.map(([name, value]) => `  proxy_set_header ${name} ${value};`).join("\n")}
${servers.join("")}}
`;
}

function routerServer(service: string, port: number, listen: number): string {
  return `
  server {
    listen ${listen};
    location / {
      set $upstream ${service};
      proxy_pass http://$upstream:${port};
    }
  }
`;
}

function parentOf(path: string): string {
  const index = path.lastIndexOf("/");
  return index <= 0 ? "/" : path.slice(0, index);
}

function depth(path: string): number {
  return path.split("/").length;
}
