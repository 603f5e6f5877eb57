import type { ContainerCreateOptions } from "dockerode";
import { fail } from "../core/errors";

/**
 * The router of a swarm app: a small image holding the host's own nginx binary and the shared
 * libraries it links, and the nginx.conf it runs with. The router sits on the app's attachable
 * overlay network and proxies each port it listens on to the same port of the `<app>-web`
 * service's tasks, found through Docker's embedded DNS (dnsrr gives only healthy tasks).
 */

/** The `com.dokku.container-type` of a router container: it fronts the app's web tasks, of whatever release. */
export const ROUTER_CONTAINER_TYPE = "router";

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
  const files = [nginxBin, ...lddLibraries(ldd).filter((library) => library !== nginxBin)].map((path) => ({
    from: path,
    to: path,
  }));
  const dirs = new Set<string>();
  for (const dir of [...files.map((file) => parentOf(file.to)), ...RUNTIME_DIRS]) {
    for (let current = dir; current !== "/"; current = parentOf(current)) dirs.add(current);
  }
  return { files, dirs: [...dirs].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)) };
}

export interface RouterConfigInput {
  readonly app: string;
  /** The process type whose service `<app>-<proc>` the router reaches (web: the only one proxied). */
  readonly processType: string;
  /**
   * The container ports nginx sends traffic to (the port maps' container ports): the router
   * listens on each and passes it on to the same port of the service's tasks, so the host
   * nginx's upstreams are `<router address>:<container port>` as they are for containers.
   */
  readonly ports: readonly number[];
}

/** What a router container is created from. */
export interface RouterContainerInput {
  readonly name: string;
  readonly image: string;
  /** The app's attachable overlay network: the container is created on it (its DNS is Docker's). */
  readonly network: string;
  readonly ports: readonly number[];
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The router's container: on the app's overlay network, the ports it listens on exposed (the
 * proxy's upstream reads them back), restarted with the engine unless stopped, and stopped with
 * SIGQUIT, nginx's graceful stop, so a retired router finishes the requests it is serving. Pure.
 */
export function routerContainerSpec(input: RouterContainerInput): ContainerCreateOptions {
  return {
    name: input.name,
    Image: input.image,
    Labels: { ...input.labels },
    ExposedPorts: Object.fromEntries(input.ports.map((port) => [`${port}/tcp`, {}])),
    StopSignal: "SIGQUIT",
    HostConfig: { NetworkMode: input.network, RestartPolicy: { Name: "unless-stopped" } },
  };
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
 * under /tmp, and one server per port. The upstream goes through a variable so nginx asks
 * Docker's DNS (127.0.0.11) again every second instead of pinning the task IPs it saw at start. Pure.
 */
export function routerNginxConfig(input: RouterConfigInput): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.processType)) fail(`router process type is invalid: ${input.processType}`);
  const ports = [...new Set(input.ports)].sort((a, b) => a - b);
  if (ports.length === 0) fail(`router for ${input.app} needs at least one port`);
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`router port must be 1-65535: ${port}`);
  }
  const servers = ports.map((port) => routerServer(`${input.app}-${input.processType}`, port));
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

function routerServer(service: string, port: number): string {
  return `
  server {
    listen ${port};
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
