import type { DeviceRequest } from "dockerode";
import { isIP } from "node:net";
import { fail } from "../core/errors";
import { parseByteSize } from "./byte-size";

/** Value parsers for docker CLI options, each refusing a bad value in one line. Pure. */

function bad(flag: string, value: string, expected: string): never {
  return fail(`Invalid ${flag} value '${value}': expected ${expected}`, "invalid-docker-option");
}

/** `64m`, `1.5g`, `512MB`, `1024` -> bytes (byte-size.ts: binary multiples, a bare number in bytes). Pure. */
export function parseSize(flag: string, value: string): number {
  const bytes = parseByteSize(value, "b") ?? bad(flag, value, "a size such as 64m, 1g or 1048576");
  if (bytes <= 0) bad(flag, value, "a size greater than 0");
  return bytes;
}

/** A size, or -1 for unlimited (`--memory-swap`). Pure. */
export function parseSizeOrUnlimited(flag: string, value: string): number {
  return value === "-1" ? -1 : parseSize(flag, value);
}

/** An integer, -1 allowed (`--pids-limit`). Pure. */
export function parseInteger(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) bad(flag, value, "a whole number (-1 for unlimited)");
  return Number(value);
}

/** `--cpus 1.5` -> NanoCpus. Pure. */
export function parseNanoCpus(flag: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) bad(flag, value, "a number of CPUs such as 0.5 or 2");
  return Math.round(Number(value) * 1e9);
}

/** `KEY=VALUE` with a non-empty key free of whitespace; `allowBare` accepts `KEY` as `KEY=` (labels). Pure. */
export function parseKeyValue(flag: string, value: string, allowBare = false): [string, string] {
  const index = value.indexOf("=");
  if (index === -1 && allowBare && value !== "" && !/\s/.test(value)) return [value, ""];
  const key = index === -1 ? "" : value.slice(0, index);
  if (key === "" || /\s/.test(key)) bad(flag, value, allowBare ? "KEY or KEY=VALUE" : "KEY=VALUE");
  return [key, value.slice(index + 1)];
}

const ULIMITS = [
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
];

/** `nofile=1024:2048` or `nofile=1024` (hard = soft). Pure. */
export function parseUlimit(flag: string, value: string): { Name: string; Soft: number; Hard: number } {
  const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
  if (!match || !ULIMITS.includes(match[1] as string))
    bad(flag, value, `<name>=<soft>[:<hard>] with a name among ${ULIMITS.join(", ")}`);
  const soft = Number(match[2]);
  const hard = match[3] === undefined ? soft : Number(match[3]);
  if (hard !== -1 && (soft === -1 || soft > hard)) bad(flag, value, "a soft limit no greater than the hard limit");
  return { Name: match[1] as string, Soft: soft, Hard: hard };
}

/** `host:ip` or `host=ip` (docker's two spellings) -> `host:ip`; `host-gateway` allowed. Pure. */
export function parseExtraHost(flag: string, value: string): string {
  const separator = value.includes("=") ? "=" : ":";
  const index = value.indexOf(separator);
  const host = value.slice(0, index);
  const ip = value.slice(index + 1);
  if (index <= 0 || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host) || (ip !== "host-gateway" && isIP(ip) === 0)) {
    bad(flag, value, "host:ip (an IPv4/IPv6 address or host-gateway)");
  }
  return `${host}:${ip}`;
}

const VOLUME_MODES = [
  "ro",
  "rw",
  "z",
  "Z",
  "shared",
  "slave",
  "private",
  "rshared",
  "rslave",
  "rprivate",
  "nocopy",
  "consistent",
  "cached",
  "delegated",
];

/** A path docker takes as it is: absolute, no `..` segment. */
const isCleanAbsolute = (path: string) => path.startsWith("/") && !path.split("/").includes("..");

/**
 * `/host:/container[:ro,...]` or `volume-name:/container[:mode]` -> a Binds entry; a lone
 * `/container/path` -> an anonymous volume (docker's `-v /var/tmp`). Pure.
 */
export function parseVolume(flag: string, value: string): { bind: string } | { anonymous: string } {
  const parts = value.split(":");
  const [source = "", target = "", mode] = parts;
  if (parts.length === 1 && isCleanAbsolute(source)) return { anonymous: source };
  const sourceOk = source.startsWith("/") ? isCleanAbsolute(source) : /^[A-Za-z0-9][A-Za-z0-9_.-]+$/.test(source);
  const modeOk = mode === undefined || mode.split(",").every((part) => VOLUME_MODES.includes(part));
  if (parts.length < 2 || parts.length > 3 || !sourceOk || !isCleanAbsolute(target) || !modeOk) {
    bad(
      flag,
      value,
      "/host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
    );
  }
  return { bind: value };
}

/** `/dev/x[:/dev/y][:rwm]` -> a HostConfig device, as docker's parseDevice. Pure. */
export function parseDevice(
  flag: string,
  value: string,
): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const parts = value.split(":");
  const isPermissions = (text: string | undefined) => text !== undefined && /^[rwm]{1,3}$/.test(text);
  let [host = "", container = host, permissions = "rwm"] = parts;
  if (parts.length === 2 && isPermissions(parts[1])) [container, permissions] = [host, parts[1] as string];
  if (parts.length > 3 || !host.startsWith("/") || !container.startsWith("/") || !isPermissions(permissions)) {
    bad(flag, value, "/dev/host[:/dev/container][:rwm]");
  }
  return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
}

/** Comma-separated fields where a double-quoted field may hold commas (docker reads --gpus as CSV). Pure. */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      fields.push(current);
      current = "";
    } else current += char;
  }
  return [...fields, current];
}

/** `all`, `2`, `"device=0,1"`, `driver=nvidia,"capabilities=compute,utility"` -> a DeviceRequest, as docker's --gpus (one GPU unless told otherwise). Pure. */
export function parseGpus(flag: string, value: string): DeviceRequest {
  const expected = "all, a count, or device=<ids>/count=<n>/driver=<name>/capabilities=<c> fields";
  const request: DeviceRequest = { Driver: "", Count: 0, DeviceIDs: [], Capabilities: [["gpu"]], Options: {} };
  let counted = false;
  const count = (given: string) => {
    counted = true;
    return given === "all" ? -1 : /^\d+$/.test(given) ? Number(given) : bad(flag, value, expected);
  };
  let last: string | undefined;
  for (const field of csvFields(value)) {
    const index = field.indexOf("=");
    const key = index === -1 ? undefined : field.slice(0, index);
    const given = field.slice(index + 1);
    // `device=0,1` unquoted: the ids after the first are more ids (a count beside devices is refused anyway)
    if (key === undefined && last === "device" && /^[\w-]+$/.test(field)) (request.DeviceIDs as string[]).push(field);
    else if (key === undefined) request.Count = count(field);
    else if (key === "count") request.Count = count(given);
    else if (key === "device" && /^[\w-]+(,[\w-]+)*$/.test(given)) request.DeviceIDs = given.split(",");
    else if (key === "driver" && given !== "") request.Driver = given;
    else if (key === "capabilities" && given !== "") request.Capabilities = [[...given.split(","), "gpu"]];
    else bad(flag, value, expected);
    last = key ?? last;
  }
  const devices = (request.DeviceIDs ?? []).length > 0;
  if (counted && devices) bad(flag, value, "a count or device ids, not both");
  // docker asks for one GPU when neither a count nor devices are given
  if (!counted && !devices) request.Count = 1;
  if (request.Count === 0 && !devices) bad(flag, value, expected);
  return request;
}

/** `name` or `name:alias` -> `name:alias`, as the docker CLI writes HostConfig.Links. Pure. */
export function parseLink(flag: string, value: string): string {
  const [name = "", alias = name, extra] = value.split(":");
  const ok = /^\/?[A-Za-z0-9][A-Za-z0-9_.-]*$/;
  if (extra !== undefined || !ok.test(name) || !ok.test(alias)) bad(flag, value, "container[:alias]");
  return `${name.replace(/^\//, "")}:${alias}`;
}

/** A plain name (network, log driver, capability, group, target): no whitespace, no leading dash. Pure. */
export function parseName(flag: string, value: string, pattern = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/): string {
  if (!pattern.test(value)) bad(flag, value, "a name");
  return value;
}

/** `/run[:size=64m,...]` -> [path, options] for HostConfig.Tmpfs. Pure. */
export function parseTmpfs(flag: string, value: string): [string, string] {
  const index = value.indexOf(":");
  const path = index === -1 ? value : value.slice(0, index);
  if (!path.startsWith("/") || path.split("/").includes("..")) bad(flag, value, "/container/path[:options]");
  return [path, index === -1 ? "" : value.slice(index + 1)];
}

/** `[ip:][host-port:]container-port[/tcp|udp|sctp]` -> the PortBindings key and binding; no host port picks a free one. Pure. */
export function parsePublish(flag: string, value: string): [string, { HostIp: string; HostPort: string }] {
  const match = /^(?:(\[[0-9A-Fa-f:]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(value);
  const ip = match?.[1]?.replace(/^\[(.*)\]$/, "$1") ?? "";
  const port = (text: string | undefined) =>
    text === undefined || text === "" || (Number(text) >= 1 && Number(text) <= 65535);
  if (!match || (ip !== "" && isIP(ip) === 0) || !port(match[2]) || !port(match[3])) {
    bad(flag, value, "[ip:][host-port:]container-port[/tcp|udp|sctp] with ports from 1 to 65535");
  }
  return [`${match[3]}/${match[4] ?? "tcp"}`, { HostIp: ip, HostPort: match[2] ?? "" }];
}

/** An IP address (`--dns`). Pure. */
export function parseIp(flag: string, value: string): string {
  if (isIP(value) === 0) bad(flag, value, "an IP address");
  return value;
}

/**
 * A docker `--env-file`: `KEY=VALUE` lines taken verbatim, blank lines and `#` comments skipped.
 * A bare `KEY` (docker copies it from the client's environment) is refused: a deploy has none. Pure.
 */
export function parseEnvFile(path: string, text: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimStart();
    if (line === "" || line.startsWith("#")) return;
    const equals = line.indexOf("=");
    const key = equals === -1 ? line : line.slice(0, equals);
    if (equals === -1 || key === "" || /\s/.test(key)) {
      fail(`Invalid env file ${path} line ${index + 1}: expected KEY=VALUE`, "invalid-env-file");
    }
    env[key] = line.slice(equals + 1);
  });
  return env;
}
