/**
 * The port listening check of web processes, as docker-container-healthchecker's: which TCP
 * sockets a container listens on (read from its network namespace's `/proc/<pid>/net/tcp` and
 * `tcp6`), and why they do not match the port the proxy sends traffic to. Pure.
 */

/** A listening socket: its address as netstat prints it (`0.0.0.0:5000`, `:::5000`, `::1:8080`). */
export interface ListeningSocket {
  readonly ip: string;
  readonly port: number;
  /** An IPv4 address (an IPv4-mapped IPv6 one included, as Go's To4 sees it). */
  readonly ipv4: boolean;
}

/** The state column of a listening socket in /proc/net/tcp. */
const LISTEN = "0A";
/** How many lines of a /proc/net/tcp file are read (a process listening on more is not our concern). */
const MAX_LINES = 4096;

/** The listening sockets of a `/proc/<pid>/net/tcp` (or `tcp6`) text; malformed lines are skipped. */
export function parseListeningSockets(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split("\n").slice(1, MAX_LINES)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (state !== LISTEN || local === undefined) continue;
    const [hexIp, hexPort] = local.split(":");
    if (hexIp === undefined || hexPort === undefined || !/^[0-9A-Fa-f]{4}$/.test(hexPort)) continue;
    const bytes = addressBytes(hexIp);
    if (bytes === undefined) continue;
    sockets.push({ ...formatAddress(bytes), port: Number.parseInt(hexPort, 16) });
  }
  return sockets;
}

/** The address bytes of /proc's hex form: 32-bit words in host (little-endian) order. */
function addressBytes(hex: string): number[] | undefined {
  if (!/^([0-9A-Fa-f]{8}){1,4}$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) return undefined;
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    for (let at = 6; at >= 0; at -= 2) bytes.push(Number.parseInt(hex.slice(word + at, word + at + 2), 16));
  }
  return bytes;
}

function formatAddress(bytes: readonly number[]): { ip: string; ipv4: boolean } {
  if (bytes.length === 4) return { ip: bytes.join("."), ipv4: true };
  const mapped = bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { ip: `::ffff:${bytes.slice(12).join(".")}`, ipv4: true };
  const groups = Array.from({ length: 8 }, (_, at) =>
    (((bytes[at * 2] ?? 0) << 8) | (bytes[at * 2 + 1] ?? 0)).toString(16),
  );
  return { ip: compressGroups(groups), ipv4: false };
}

/** RFC 5952's form: the longest run of two or more zero groups as `::`. */
function compressGroups(groups: readonly string[]): string {
  let best = { start: -1, length: 0 };
  for (let start = 0; start < groups.length; ) {
    let end = start;
    while (end < groups.length && groups[end] === "0") end++;
    if (end - start > best.length) best = { start, length: end - start };
    start = end === start ? start + 1 : end;
  }
  if (best.length < 2) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}

/** Docker's embedded DNS server, which listens in the namespace of a container on a user-defined network: not the app's. */
const DOCKER_DNS = "127.0.0.11";
const ANY_IPV4 = "0.0.0.0";
const ANY_IPV6 = "::";

/**
 * Why the sockets do not show the process listening on every interface at `port`, in
 * docker-container-healthchecker's words; undefined when one listens on 0.0.0.0 or :: at that
 * port, or when nothing listens yet (as it passes then; Docker's own DNS socket does not count).
 * The socket named is the most telling: the right port on one interface, then every interface on
 * another port, then any other.
 */
export function listeningProblem(all: readonly ListeningSocket[], port: number): string | undefined {
  const sockets = all.filter((socket) => socket.ip !== DOCKER_DNS);
  if (sockets.some((socket) => socket.port === port && (socket.ip === ANY_IPV4 || socket.ip === ANY_IPV6)))
    return undefined;
  const samePort = sockets.find((socket) => socket.port === port);
  if (samePort)
    return samePort.ipv4
      ? `container listening on expected port (${port}) with unexpected IPv4 interface: expected=${ANY_IPV4} actual=${samePort.ip}`
      : `container listening on expected port (${port}) with unexpected IPv6 interface: expected=${ANY_IPV6} actual=${samePort.ip}`;
  const anyInterface = sockets.find((socket) => socket.ip === ANY_IPV4 || socket.ip === ANY_IPV6);
  if (anyInterface)
    return `container listening on expected ${anyInterface.ipv4 ? "IPv4" : "IPv6"} interface with an unexpected port: expected=${port} actual=${anyInterface.port}`;
  const other = sockets[0];
  if (!other) return undefined;
  return other.ipv4
    ? `container listening on unexpected IPv4 interface with an unexpected port: expected=${ANY_IPV4}:${port} actual=${other.ip}:${other.port}`
    : `container listening on unexpected IPv6 interface with an unexpected port: expected=${ANY_IPV6}:${port} actual=${other.ip}:${other.port}`;
}
