import type { ContainerCreateOptions, HostConfig } from "dockerode";

/**
 * A piece of container configuration one plugin contributes to an app's containers: storage
 * mounts, resource limits, docker-options, networks. Plugins build these from their state;
 * the scheduler merges them onto the spec it built (the spec's own labels and env win).
 */
export interface ContainerFragment {
  /** HostConfig.Binds entries: `host-path:container-path[:ro]`. */
  readonly binds?: readonly string[];
  /** Anonymous volumes: container paths (Config.Volumes), docker's `-v /container/path`. */
  readonly volumes?: readonly string[];
  /** Other HostConfig fields (Memory, NanoCpus, MemoryReservation, MemorySwap, DeviceRequests, Ulimits, ShmSize, LogConfig, CapAdd, Devices, ExtraHosts, RestartPolicy, NetworkMode ...). */
  readonly hostConfig?: Readonly<Partial<HostConfig>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Networks the container joins at creation, with its aliases there. */
  readonly networks?: readonly { readonly name: string; readonly aliases: readonly string[] }[];
}

/** HostConfig fields that are maps of independent entries: fragments add keys rather than replace the map. */
const MERGED_MAPS = new Set(["PortBindings", "Sysctls", "Tmpfs"]);

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where the container is for: a deploy's long-running container, or a one-off `run`/cron container. */
export type ContainerPhase = "deploy" | "run";

/**
 * The spec with the fragments applied in order: binds, device/cap/host lists and networks add
 * up, port bindings, sysctls and tmpfs add keys, any other HostConfig field of a later fragment
 * (a scalar, LogConfig, RestartPolicy) wins over an earlier one and over the spec's, labels and
 * env the spec already sets are never overridden. Pure.
 */
export function applyFragments(
  spec: ContainerCreateOptions,
  fragments: readonly ContainerFragment[],
): ContainerCreateOptions {
  if (fragments.length === 0) return spec;
  const hostConfig: HostConfig = { ...spec.HostConfig };
  const labels: Record<string, string> = {};
  const env: string[] = [...(spec.Env ?? [])];
  const envKeys = new Set(env.map((line) => line.slice(0, line.indexOf("="))));
  const endpoints: Record<string, { Aliases: string[] }> = {};
  const volumes: string[] = [];
  for (const fragment of fragments) {
    volumes.push(...(fragment.volumes ?? []));
    for (const [key, value] of Object.entries(fragment.hostConfig ?? {})) {
      const current = (hostConfig as Record<string, unknown>)[key];
      (hostConfig as Record<string, unknown>)[key] =
        Array.isArray(current) && Array.isArray(value)
          ? [...current, ...value]
          : MERGED_MAPS.has(key) && isMap(current) && isMap(value)
            ? { ...current, ...value }
            : value;
    }
    if (fragment.binds?.length) hostConfig.Binds = mergeBinds(hostConfig.Binds ?? [], fragment.binds);
    Object.assign(labels, fragment.labels);
    for (const [key, value] of Object.entries(fragment.env ?? {})) {
      if (envKeys.has(key)) continue;
      envKeys.add(key);
      env.push(`${key}=${value}`);
    }
    for (const network of fragment.networks ?? []) {
      const aliases = endpoints[network.name]?.Aliases ?? [];
      endpoints[network.name] = { Aliases: [...new Set([...aliases, ...network.aliases])] };
    }
  }
  const result: ContainerCreateOptions = {
    ...spec,
    HostConfig: hostConfig,
    Labels: { ...labels, ...spec.Labels },
    Env: env,
  };
  // Docker publishes only exposed ports: a published one (bind-all-interfaces) is exposed too
  const published = Object.keys(hostConfig.PortBindings ?? {});
  if (published.length > 0)
    result.ExposedPorts = { ...spec.ExposedPorts, ...Object.fromEntries(published.map((port) => [port, {}])) };
  if (volumes.length > 0)
    result.Volumes = { ...spec.Volumes, ...Object.fromEntries(volumes.map((path) => [path, {}])) };
  if (Object.keys(endpoints).length > 0)
    result.NetworkingConfig = { EndpointsConfig: { ...spec.NetworkingConfig?.EndpointsConfig, ...endpoints } };
  return result;
}

/**
 * Binds added up, a later one that mounts the same source at the same target as an earlier one
 * dropped: docker refuses a duplicate mount point, and a `storage:migrate` interrupted between
 * writing the attachment and draining the docker-options `-v` line leaves the same mount in
 * both. Pure.
 */
export function mergeBinds(current: readonly string[], more: readonly string[]): string[] {
  const merged = [...current];
  const seen = new Set(current.map(bindKey));
  for (const bind of more) {
    if (seen.has(bindKey(bind))) continue;
    seen.add(bindKey(bind));
    merged.push(bind);
  }
  return merged;
}

function bindKey(bind: string): string {
  const [source = "", target = ""] = bind.split(":");
  return `${source}:${target.replace(/(.)\/+$/, "$1")}`;
}
