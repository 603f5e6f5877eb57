import type { HostConfig, MountSettings, NetworkAttachmentConfig, ResourceRequirements, Ulimit } from "dockerode";
import { mergeBinds, type ContainerFragment } from "./container-fragment";
import { supportsAliases } from "./network-fragment";

/** What the day-2 fragments of an app's containers come to in a swarm service. */
export interface SwarmFragments {
  readonly mounts: MountSettings[];
  readonly resources: ResourceRequirements;
  /** Networks the tasks join, with their aliases, in the order the fragments named them. */
  readonly networks: NetworkAttachmentConfig[];
  readonly labels: Record<string, string>;
  /** Plugins' env in order; a later fragment does not override an earlier one. */
  readonly env: [string, string][];
  /** ContainerSpec fields Swarm has for HostConfig ones (Init, CapabilityAdd, Ulimits, Sysctls, Hosts ...). */
  readonly container: {
    Init?: boolean;
    ReadOnly?: boolean;
    CapabilityAdd?: string[];
    CapabilityDrop?: string[];
    Ulimits?: Ulimit[];
    Sysctls?: Record<string, string>;
    Hosts?: string[];
    Groups?: string[];
    DNSConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  };
  readonly logDriver?: { Name: string; Options: Record<string, string> };
  /** A docker-options `--restart`: overrides ps restart-policy, as with docker-local. */
  readonly restartPolicy?: string;
  /** `HostConfig.<Field>` / `Binds <entry>` a service cannot express: the scheduler refuses or warns. */
  readonly unsupported: string[];
}

/** A fragment's HostConfig field that is set to something (not undefined, false, 0, "" or empty). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value as object).length > 0;
  return true;
}

const PROPAGATIONS = new Set(["private", "rprivate", "shared", "rshared", "slave", "rslave"]);

/**
 * `host:container[:opts]` as a Mount: an absolute source is a bind, a name a volume; `ro`/`rw`
 * and bind propagation are kept; another option (SELinux `z`, `nocopy` ...) makes it unsupported. Pure.
 */
export function bindMount(bind: string): MountSettings | undefined {
  const [source, target, options, ...rest] = bind.split(":");
  if (source === undefined || source === "" || target === undefined || target === "" || rest.length > 0)
    return undefined;
  const mount: MountSettings = { Type: source.startsWith("/") ? "bind" : "volume", Source: source, Target: target };
  for (const option of (options ?? "").split(",").filter((word) => word !== "")) {
    if (option === "ro") mount.ReadOnly = true;
    else if (option === "rw") continue;
    else if (mount.Type === "bind" && PROPAGATIONS.has(option))
      mount.BindOptions = { Propagation: option as "private" };
    else return undefined;
  }
  return mount;
}

/** `--tmpfs /path:size=64m,mode=1777` as a tmpfs Mount; undefined for an option Swarm lacks. Pure. */
export function tmpfsMount(target: string, options: string): MountSettings | undefined {
  const mount: MountSettings = { Type: "tmpfs", Source: "", Target: target };
  const tmpfs: { SizeBytes?: number; Mode?: number } = {};
  for (const option of options.split(",").filter((word) => word !== "")) {
    const [key, value = ""] = option.split("=", 2) as [string, string?];
    const size = /^(\d+)([kmg]?)b?$/i.exec(value);
    if (key === "size" && size)
      tmpfs.SizeBytes = Number(size[1]) * 1024 ** " kmg".indexOf((size[2] || " ").toLowerCase());
    else if (key === "mode" && /^[0-7]{3,4}$/.test(value)) tmpfs.Mode = Number.parseInt(value, 8);
    else return undefined;
  }
  if (Object.keys(tmpfs).length > 0) mount.TmpfsOptions = tmpfs as { SizeBytes: number; Mode: number };
  return mount;
}

/** `net_admin` -> `CAP_NET_ADMIN`, as the docker CLI normalises `--cap-add` for services (`ALL` stays). */
function capability(name: string): string {
  const upper = name.toUpperCase();
  return upper === "ALL" || upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

/** `host:ip` (HostConfig.ExtraHosts) as Swarm's `ip host`. */
function hostsLine(entry: string): string {
  const at = entry.indexOf(":");
  return at < 0 ? entry : `${entry.slice(at + 1)} ${entry.slice(0, at)}`;
}

/**
 * The fragments, merged as applyFragments merges them onto a container (binds and lists add up,
 * later scalars win, the first env of a key stays), turned into their Swarm places: binds and
 * tmpfs and anonymous volumes -> Mounts, Memory/NanoCpus/PidsLimit -> Resources.Limits, MemoryReservation ->
 * Resources.Reservations, a user-defined NetworkMode and `networks` -> task Networks with aliases,
 * CapAdd, CapDrop, Ulimits, Sysctls, ExtraHosts, Dns, DnsSearch, DnsOptions, Init, ReadonlyRootfs, GroupAdd -> ContainerSpec,
 * LogConfig -> LogDriver. Anything else set (Privileged, Devices, DeviceRequests, PortBindings,
 * MemorySwap, ShmSize ...) is listed in `unsupported`. Pure.
 */
export function swarmFragments(fragments: readonly ContainerFragment[]): SwarmFragments {
  const host: Record<string, unknown> = {};
  let binds: string[] = [];
  const labels: Record<string, string> = {};
  const env = new Map<string, string>();
  const aliases = new Map<string, string[]>();
  const volumes: string[] = [];
  for (const fragment of fragments) {
    volumes.push(...(fragment.volumes ?? []));
    for (const [key, value] of Object.entries(fragment.hostConfig ?? {})) {
      const current = host[key];
      host[key] =
        Array.isArray(current) && Array.isArray(value)
          ? [...current, ...value]
          : key === "Sysctls" || key === "Tmpfs"
            ? { ...(current as object), ...(value as object) }
            : value;
    }
    binds = mergeBinds(binds, fragment.binds ?? []);
    Object.assign(labels, fragment.labels);
    for (const [key, value] of Object.entries(fragment.env ?? {})) if (!env.has(key)) env.set(key, value);
    for (const network of fragment.networks ?? [])
      aliases.set(network.name, [...new Set([...(aliases.get(network.name) ?? []), ...network.aliases])]);
  }
  const hc = host as Partial<HostConfig> & Record<string, unknown>;
  binds = mergeBinds(binds, (hc.Binds as string[] | undefined) ?? []);
  const unsupported: string[] = [];
  const mounts: MountSettings[] = [];
  for (const bind of binds) {
    const mount = bindMount(bind);
    if (mount) mounts.push(mount);
    else unsupported.push(`Binds ${bind}`);
  }
  // an anonymous volume is a volume mount without a source, as `docker service create --mount type=volume,dst=...`
  for (const target of new Set(volumes)) mounts.push({ Type: "volume", Source: "", Target: target });
  for (const [target, options] of Object.entries((hc.Tmpfs as Record<string, string> | undefined) ?? {})) {
    const mount = tmpfsMount(target, options);
    if (mount) mounts.push(mount);
    else unsupported.push(`Tmpfs ${target}:${options}`);
  }
  const limits = {
    ...(isSet(hc.NanoCpus) ? { NanoCPUs: hc.NanoCpus } : {}),
    ...(isSet(hc.Memory) ? { MemoryBytes: hc.Memory } : {}),
    ...(isSet(hc.PidsLimit) && (hc.PidsLimit as number) > 0 ? { Pids: hc.PidsLimit } : {}),
  };
  const resources: ResourceRequirements = {};
  if (Object.keys(limits).length > 0) resources.Limits = limits;
  if (isSet(hc.MemoryReservation)) resources.Reservations = { MemoryBytes: hc.MemoryReservation as number };
  const container: SwarmFragments["container"] = {};
  if (typeof hc.Init === "boolean") container.Init = hc.Init;
  if (hc.ReadonlyRootfs === true) container.ReadOnly = true;
  if (isSet(hc.CapAdd)) container.CapabilityAdd = (hc.CapAdd as string[]).map(capability);
  if (isSet(hc.CapDrop)) container.CapabilityDrop = (hc.CapDrop as string[]).map(capability);
  if (isSet(hc.Ulimits))
    container.Ulimits = (hc.Ulimits as { Name: string; Soft: number; Hard: number }[]).map((u) => ({
      Name: u.Name,
      Soft: u.Soft,
      Hard: u.Hard,
    }));
  if (isSet(hc.Sysctls)) container.Sysctls = { ...(hc.Sysctls as Record<string, string>) };
  if (isSet(hc.ExtraHosts)) container.Hosts = (hc.ExtraHosts as string[]).map(hostsLine);
  if (isSet(hc.GroupAdd)) container.Groups = [...(hc.GroupAdd as string[])];
  const dns = {
    ...(isSet(hc.Dns) ? { Nameservers: hc.Dns as string[] } : {}),
    ...(isSet(hc.DnsSearch) ? { Search: hc.DnsSearch as string[] } : {}),
    ...(isSet(hc.DnsOptions) ? { Options: hc.DnsOptions as string[] } : {}),
  };
  if (Object.keys(dns).length > 0) container.DNSConfig = dns;
  const networks: NetworkAttachmentConfig[] = [];
  const mode = typeof hc.NetworkMode === "string" ? hc.NetworkMode : "";
  if (mode !== "" && mode !== "default") {
    if (supportsAliases(mode)) networks.push({ Target: mode, Aliases: aliases.get(mode) ?? [] });
    else unsupported.push(`HostConfig.NetworkMode ${mode}`);
  }
  for (const [name, list] of aliases) if (name !== mode) networks.push({ Target: name, Aliases: list });
  const log = hc.LogConfig as { Type?: string; Config?: Record<string, string> } | undefined;
  const restart = hc.RestartPolicy as { Name?: string; MaximumRetryCount?: number } | undefined;
  const handled = new Set([
    "Binds",
    "Tmpfs",
    "NanoCpus",
    "Memory",
    "PidsLimit",
    "MemoryReservation",
    "Init",
    "ReadonlyRootfs",
    "CapAdd",
    "CapDrop",
    "Ulimits",
    "Sysctls",
    "ExtraHosts",
    "GroupAdd",
    "Dns",
    "DnsSearch",
    "DnsOptions",
    "NetworkMode",
    "LogConfig",
    "RestartPolicy",
  ]);
  for (const [key, value] of Object.entries(host))
    if (!handled.has(key) && isSet(value)) unsupported.push(`HostConfig.${key}`);
  return {
    mounts,
    resources,
    networks,
    labels,
    env: [...env],
    container,
    ...(log?.Type ? { logDriver: { Name: log.Type, Options: { ...log.Config } } } : {}),
    ...(restart?.Name
      ? { restartPolicy: restart.MaximumRetryCount ? `${restart.Name}:${restart.MaximumRetryCount}` : restart.Name }
      : {}),
    unsupported,
  };
}
