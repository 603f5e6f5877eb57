import { fail } from "../core/errors";

/** One `scheme:host-port:container-port` mapping the proxy listens with. */
export interface PortMap {
  scheme: "http" | "https";
  host: number;
  container: number;
}

/** The schemes Dokku's nginx proxies (grpc and udp are not supported here). */
export const PORT_SCHEMES = ["http", "https"] as const;

/** What `ports:remove` names: a whole mapping, or every mapping on a host port. */
export type PortMapRemoval =
  | { readonly kind: "map"; readonly map: PortMap }
  | { readonly kind: "host"; readonly host: number };

const PORT = /^[1-9]\d{0,4}$/;

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined || !PORT.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/**
 * `http:80:5000` -> { scheme, host, container }. Refuses, in Dokku's words with the reason in
 * brackets, anything but three parts, a scheme other than http/https, and ports that are not
 * integers 1..65535 written plainly. Pure.
 */
export function parsePortMap(text: string): PortMap {
  const parts = text.split(":");
  if (parts.length !== 3) fail(`Invalid port map ${text} [len=${parts.length}]`, "invalid-port-map");
  const [scheme, hostText, containerText] = parts as [string, string, string];
  if (!(PORT_SCHEMES as readonly string[]).includes(scheme)) {
    fail(`Invalid port map ${text} [scheme=${scheme}; valid schemes: ${PORT_SCHEMES.join(", ")}]`, "invalid-port-map");
  }
  const host = parsePort(hostText);
  if (host === undefined) fail(`Invalid port map ${text} [hostPort=${hostText}]`, "invalid-port-map");
  const container = parsePort(containerText);
  if (container === undefined) fail(`Invalid port map ${text} [containerPort=${containerText}]`, "invalid-port-map");
  return { scheme: scheme as PortMap["scheme"], host, container };
}

/** `ports:remove` words: a bare host port (`8080`) or a whole mapping. Pure. */
export function parsePortMapRemoval(text: string): PortMapRemoval {
  if (!text.includes(":")) {
    const host = parsePort(text);
    if (host === undefined) fail(`Invalid port map ${text} [hostPort=${text}]`, "invalid-port-map");
    return { kind: "host", host };
  }
  return { kind: "map", map: parsePortMap(text) };
}

export function formatPortMap(map: PortMap): string {
  return `${map.scheme}:${map.host}:${map.container}`;
}

/** Sorted as Dokku stores them: by their text. Pure. */
export function sortPortMaps(maps: readonly PortMap[]): PortMap[] {
  return [...maps].sort((a, b) => compare(formatPortMap(a), formatPortMap(b)));
}

/** The first `scheme:host-port` used twice, or undefined: one listener can proxy to one port only. Pure. */
export function reusedSchemeHostPort(maps: readonly PortMap[]): string | undefined {
  const seen = new Set<string>();
  for (const map of maps) {
    const key = `${map.scheme}:${map.host}`;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

/** Refuses maps that reuse a `scheme:host-port`, with Dokku's message; `what` is `new`, `all` or ``. Pure. */
export function assertNoReuse(maps: readonly PortMap[], what: "new" | "all" | "" = ""): void {
  const reused = reusedSchemeHostPort(maps);
  const subject = what === "" ? "port mappings" : `${what} port mappings`;
  if (reused !== undefined)
    fail(`Error validating ${subject}: The same scheme:host-port is being reused: ${reused}`, "port-map-reused");
}

/** The maps left after `ports:remove`: whole mappings and every mapping of a bare host port go. Pure. */
export function withoutPortMaps(current: readonly PortMap[], removals: readonly PortMapRemoval[]): PortMap[] {
  const maps = new Set(removals.flatMap((removal) => (removal.kind === "map" ? [formatPortMap(removal.map)] : [])));
  const hosts = new Set(removals.flatMap((removal) => (removal.kind === "host" ? [removal.host] : [])));
  return current.filter((map) => !maps.has(formatPortMap(map)) && !hosts.has(map.host));
}

/** The first map of each `scheme:host-port`, order kept (Dokku's uniquePortMaps). Pure. */
export function uniquePortMaps(maps: readonly PortMap[]): PortMap[] {
  const seen = new Set<string>();
  return maps.filter((map) => {
    const key = `${map.scheme}:${map.host}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Maps from an image's exposed ports (`8080/tcp`), as Dokku's dockerfile builder detects them:
 * each TCP port `p` becomes `http:p:p` (`https:443:443` for 443); UDP and anything unreadable is
 * skipped, since nginx proxies HTTP only. Sorted and unique. Pure.
 */
export function portMapsFromExposedPorts(exposed: readonly string[]): PortMap[] {
  const maps: PortMap[] = [];
  for (const entry of exposed) {
    const [portText, protocol = "tcp"] = entry.split("/");
    if (protocol !== "tcp") continue;
    const port = parsePort(portText);
    if (port === undefined) continue;
    maps.push({ scheme: port === 443 ? "https" : "http", host: port, container: port });
  }
  return sortPortMaps(uniquePortMaps(maps));
}

/**
 * With a certificate, detected (not configured) maps also serve HTTPS, as Dokku's
 * getDetectedPortMaps: each `http:80:c` gains `https:<sslPort>:c`; without one on port 80,
 * every http map becomes https. Pure.
 */
export function withTlsPortMaps(maps: readonly PortMap[], sslPort: number): PortMap[] {
  const http80 = maps.filter((map) => map.scheme === "http" && map.host === 80);
  if (http80.length > 0)
    return [...maps, ...http80.map((map) => ({ scheme: "https" as const, host: sslPort, container: map.container }))];
  return maps.map((map) => (map.scheme === "http" ? { ...map, scheme: "https" as const } : map));
}

/** The `ports:report --ports-map-json` form: `[{"scheme","host_port","container_port"}]`. Pure. */
export function portMapsJson(maps: readonly PortMap[]): string {
  return JSON.stringify(
    maps.map((map) => ({ scheme: map.scheme, host_port: map.host, container_port: map.container })),
  );
}

/**
 * `ports:list`'s table (without the `Port mappings for` heading): Dokku's header row
 * (only when not quiet), then one row per map, sorted, in aligned columns indented 4 spaces. Pure.
 */
export function portMapTable(maps: readonly PortMap[], withHeader: boolean): string[] {
  const rows = sortPortMaps(maps).map((map) => [map.scheme, String(map.host), String(map.container)]);
  if (withHeader) rows.unshift(["-----> scheme", "host port", "container port"]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  return rows.map(
    (row) =>
      `    ${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padEnd(widths[1] as number)}  ${row[2]}`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
