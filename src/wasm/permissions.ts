/**
 * Deno-style permissions: a plugin asks (plugin.toml `[permissions]`), the operator grants
 * (`--allow-*` at install), nothing is allowed by default. Pure.
 */
import { fail } from "../core/errors";
import type { Grants, Permissions } from "./types";

/** Any host: what `--allow-net` without a list (or `--allow-all`) grants. */
export const ANY_HOST = "*";

export const NO_PERMISSIONS: Permissions = { net: false, config: false, store: false, nginx: false, dockerArgs: false };
export const NO_GRANTS: Grants = { net: [], config: false, store: false, nginx: false, dockerArgs: false };

/** The boolean permissions with their plugin.toml key and flag name, in display order (by name, after net). */
export const FLAG_PERMISSIONS = [
  { key: "config", flag: "config", field: "config" },
  { key: "docker-args", flag: "docker-args", field: "dockerArgs" },
  { key: "nginx", flag: "nginx", field: "nginx" },
  { key: "store", flag: "store", field: "store" },
] as const;

const LABEL = "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)";
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?$`);

/** Whether `host` is `name`, `name:port`, `1.2.3.4[:port]` or `[v6]:port`, lowercase. Pure. */
export function isValidNetHost(host: string): boolean {
  if (host.length > 260) return false;
  const match = HOST.exec(host);
  if (!match) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
}

/** The grants an install or update command line gives: `--allow-net[=h,...]`, `--allow-config` ... `--allow-all`. Pure. */
export function parseGrantFlag(arg: string, grants: Grants): Grants | undefined {
  if (arg === "--allow-all") {
    return { net: [ANY_HOST], config: true, store: true, nginx: true, dockerArgs: true };
  }
  if (arg === "--allow-net") return { ...grants, net: [...new Set([...grants.net, ANY_HOST])] };
  if (arg.startsWith("--allow-net=")) {
    const hosts = arg
      .slice("--allow-net=".length)
      .split(",")
      .map((host) => host.trim().toLowerCase());
    for (const host of hosts) {
      if (host !== ANY_HOST && !isValidNetHost(host))
        fail(`Invalid host in --allow-net: "${host}" (expected host or host:port)`, "usage");
    }
    return { ...grants, net: [...new Set([...grants.net, ...hosts])] };
  }
  for (const { flag, field } of FLAG_PERMISSIONS) {
    if (arg === `--allow-${flag}`) return { ...grants, [field]: true };
  }
  return undefined;
}

/** Everything granted by either. Pure. */
export function mergeGrants(a: Grants, b: Grants): Grants {
  return {
    net: [...new Set([...a.net, ...b.net])],
    config: a.config || b.config,
    store: a.store || b.store,
    nginx: a.nginx || b.nginx,
    dockerArgs: a.dockerArgs || b.dockerArgs,
  };
}

/** What the request needs that the grants do not give, as flags to add (`--allow-nginx`). Pure. */
export function missingGrants(request: Permissions, grants: Grants): string[] {
  const missing: string[] = [];
  const anyHost = grants.net.includes(ANY_HOST);
  if (request.net === true && grants.net.length === 0) missing.push("--allow-net=<host,...>");
  if (Array.isArray(request.net) && !anyHost) {
    const hosts = request.net.filter((host) => !grants.net.includes(host));
    if (hosts.length > 0) missing.push(`--allow-net=${hosts.join(",")}`);
  }
  for (const { field, flag } of FLAG_PERMISSIONS) {
    if (request[field] && !grants[field]) missing.push(`--allow-${flag}`);
  }
  return missing;
}

/**
 * What the registry records: the grants narrowed to the request, so a plugin never holds more
 * than it asked for (`--allow-all` on a plugin asking for `store` records `store` only; a
 * request for listed hosts records those hosts even under `--allow-net`). Call after
 * missingGrants found nothing. Pure.
 */
export function effectiveGrants(request: Permissions, grants: Grants): Grants {
  let net: string[] = [];
  if (request.net === true) net = [...grants.net];
  else if (Array.isArray(request.net)) net = [...request.net];
  return {
    net,
    config: request.config && grants.config,
    store: request.store && grants.store,
    nginx: request.nginx && grants.nginx,
    dockerArgs: request.dockerArgs && grants.dockerArgs,
  };
}

/** `net (a.example, b.example), config, store`, or `none`. Pure. */
export function describePermissions(request: Permissions): string {
  const parts: string[] = [];
  if (request.net === true) parts.push("net (hosts granted at install)");
  else if (Array.isArray(request.net)) parts.push(`net (${request.net.join(", ")})`);
  for (const { key, field } of FLAG_PERMISSIONS) if (request[field]) parts.push(key);
  return parts.length === 0 ? "none" : parts.join(", ");
}

/** `net (any host), store`, or `none`. Pure. */
export function describeGrants(grants: Grants): string {
  const parts: string[] = [];
  if (grants.net.length > 0) {
    parts.push(`net (${grants.net.map((host) => (host === ANY_HOST ? "any host" : host)).join(", ")})`);
  }
  for (const { key, field } of FLAG_PERMISSIONS) if (grants[field]) parts.push(key);
  return parts.length === 0 ? "none" : parts.join(", ");
}
