/**
 * The resource plugin's vocabulary: the keys Dokku's resource:limit/reserve take, how a value
 * of each is checked, and sizes and CPU counts turned into the numbers docker wants. Pure.
 */

import { parseByteSize } from "./byte-size";

/** Every resource key, in the order Dokku lists them. */
export const RESOURCE_KEYS = [
  "cpu",
  "memory",
  "memory-swap",
  "network",
  "network-ingress",
  "network-egress",
  "nvidia-gpu",
] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];

/** `limit` or `reserve`: the middle segment of a property name (`web.limit.memory`). */
export type ResourceKind = "limit" | "reserve";

/** The process type that holds an app's defaults. */
export const DEFAULT_PROCESS_TYPE = "_default_";

/** The value that removes one key (`--cpu clear`). */
export const CLEAR_VALUE = "clear";

/** Docker's floor for a memory limit or reservation (6MB). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

const PROCESS_TYPE = /^[A-Za-z0-9_-]+$/;
const CPU = /^(\d+)(?:\.(\d{1,9}))?$/;

/** `web.limit.memory`: where one value is stored. */
export function resourceProperty(processType: string, kind: ResourceKind, key: ResourceKey): string {
  return `${processType}.${kind}.${key}`;
}

export function isValidProcessType(processType: string): boolean {
  return PROCESS_TYPE.test(processType);
}

/** Nanoseconds of CPU per second for `--cpus` (`0.5` -> 500000000); undefined when not a CPU count. */
export function parseCpus(value: string): number | undefined {
  const match = CPU.exec(value);
  if (!match) return undefined;
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * 1e9 + Number(fraction.padEnd(9, "0"));
}

/** Docker's `--gpus` count: a number of GPUs, or -1 for `all`. */
export function parseGpus(value: string): number | undefined {
  if (value === "all") return -1;
  return /^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

/** Why `value` cannot be stored for `key`, or undefined when it can (`clear` always can). */
export function resourceValueProblem(key: ResourceKey, value: string): string | undefined {
  if (value === CLEAR_VALUE) return undefined;
  const shown = JSON.stringify(value);
  switch (key) {
    case "cpu": {
      const nanos = parseCpus(value);
      if (nanos === undefined || nanos <= 0 || !Number.isSafeInteger(nanos)) {
        return `Invalid --cpu value ${shown}: expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)`;
      }
      return undefined;
    }
    case "memory":
    case "memory-swap":
      return sizeProblem(key, value);
    case "nvidia-gpu":
      return parseGpus(value) === undefined
        ? `Invalid --nvidia-gpu value ${shown}: expected a positive number of GPUs or all`
        : undefined;
    case "network":
    case "network-ingress":
    case "network-egress":
      return /^\d+(?:\.\d+)?[A-Za-z]*$/.test(value) && Number.parseFloat(value) > 0
        ? undefined
        : `Invalid --${key} value ${shown}: expected a positive bandwidth such as 100 or 10mbit`;
  }
}

function sizeProblem(key: "memory" | "memory-swap", value: string): string | undefined {
  const shown = JSON.stringify(value);
  if (key === "memory-swap" && value === "-1") return undefined;
  const bytes = parseByteSize(value, key === "memory" ? "m" : "b");
  const unlimited = key === "memory-swap" ? ", or -1 for unlimited swap" : "";
  const bare = key === "memory" ? "megabytes" : "bytes";
  if (bytes === undefined || bytes <= 0) {
    return `Invalid --${key} value ${shown}: expected a positive size such as 512m or 1g (b, k, m, g; a bare number is ${bare})${unlimited}`;
  }
  if (!Number.isSafeInteger(bytes)) return `Invalid --${key} value ${shown}: the size is too large`;
  if (bytes < MIN_MEMORY_BYTES)
    return `Invalid --${key} value ${shown}: docker needs at least 6m (a bare number is ${bare})`;
  return undefined;
}
