import type { DeviceRequest, HostConfig } from "dockerode";
import { fail } from "../core/errors";
import { parseByteSize } from "./byte-size";
import type { ContainerFragment } from "./container-fragment";
import {
  DEFAULT_PROCESS_TYPE,
  RESOURCE_KEYS,
  parseCpus,
  parseGpus,
  resourceProperty,
  type ResourceKey,
  type ResourceKind,
} from "./resource-values";

/** An app's resource properties as stored: `web.limit.memory` -> `512m`. */
export type ResourceProperties = Readonly<Record<string, string>>;

/** The values that apply to a process type: its own, else the app's `_default_` one. Pure. */
export function effectiveResources(
  properties: ResourceProperties,
  processType: string,
  kind: ResourceKind,
): Partial<Record<ResourceKey, string>> {
  const values: Partial<Record<ResourceKey, string>> = {};
  for (const key of RESOURCE_KEYS) {
    const own = properties[resourceProperty(processType, kind, key)];
    const fallback = properties[resourceProperty(DEFAULT_PROCESS_TYPE, kind, key)];
    const value = own || fallback;
    if (value) values[key] = value;
  }
  return values;
}

/**
 * What the docker-local scheduler makes of a process type's resources, as Dokku's
 * docker-args-process-deploy does with `docker run` flags: limit cpu -> `--cpus` (NanoCpus),
 * limit memory -> `--memory` (Memory), limit memory-swap -> `--memory-swap` (MemorySwap),
 * limit nvidia-gpu -> `--gpus` (DeviceRequests), reserved memory -> `--memory-reservation`
 * (MemoryReservation). Reserved cpu, GPUs and swap and the network keys are kept but, as in
 * Dokku, docker-local has nothing to do with them. The same for deploy and run containers.
 * A stored value docker cannot take is refused, naming its property. Pure.
 */
export function resourceFragmentFor(properties: ResourceProperties, processType: string): ContainerFragment {
  const limits = effectiveResources(properties, processType, "limit");
  const reservations = effectiveResources(properties, processType, "reserve");
  const hostConfig: Partial<HostConfig> = {};
  const read = <T>(kind: ResourceKind, key: ResourceKey, value: string, parse: (value: string) => T | undefined): T => {
    const parsed = parse(value);
    if (parsed === undefined)
      fail(`Invalid resource value ${JSON.stringify(value)} for ${whereSet(properties, processType, kind, key)}`);
    return parsed;
  };
  if (limits.cpu !== undefined) hostConfig.NanoCpus = read("limit", "cpu", limits.cpu, parseCpus);
  if (limits.memory !== undefined)
    hostConfig.Memory = read("limit", "memory", limits.memory, (value) => parseByteSize(value, "m"));
  if (limits["memory-swap"] !== undefined) {
    hostConfig.MemorySwap = read("limit", "memory-swap", limits["memory-swap"], (value) =>
      value === "-1" ? -1 : parseByteSize(value, "b"),
    );
  }
  if (limits["nvidia-gpu"] !== undefined) {
    const count = read("limit", "nvidia-gpu", limits["nvidia-gpu"], parseGpus);
    const request: DeviceRequest = { Driver: "", Count: count, Capabilities: [["gpu"]] };
    hostConfig.DeviceRequests = [request];
  }
  if (reservations.memory !== undefined) {
    hostConfig.MemoryReservation = read("reserve", "memory", reservations.memory, (value) => parseByteSize(value, "m"));
  }
  return Object.keys(hostConfig).length === 0 ? {} : { hostConfig };
}

/**
 * Why docker would refuse the memory settings a process type ends up with, or undefined:
 * swap needs a memory limit and cannot be below it, a reservation cannot exceed the limit. Pure.
 */
export function resourceConflict(properties: ResourceProperties, processType: string): string | undefined {
  const { hostConfig = {} } = resourceFragmentFor(properties, processType);
  const { Memory: memory, MemorySwap: swap, MemoryReservation: reservation } = hostConfig;
  const who = processType === DEFAULT_PROCESS_TYPE ? "the app defaults" : `process type ${processType}`;
  if (swap !== undefined && swap !== -1 && memory === undefined)
    return `A memory-swap limit needs a memory limit (${who})`;
  if (swap !== undefined && swap !== -1 && memory !== undefined && swap < memory) {
    return `The memory-swap limit must be at least the memory limit (${who})`;
  }
  if (reservation !== undefined && memory !== undefined && reservation > memory) {
    return `The memory reservation must not exceed the memory limit (${who})`;
  }
  return undefined;
}

function whereSet(properties: ResourceProperties, processType: string, kind: ResourceKind, key: ResourceKey): string {
  const own = resourceProperty(processType, kind, key);
  return properties[own] ? own : resourceProperty(DEFAULT_PROCESS_TYPE, kind, key);
}
