import { GLOBAL } from "../../store/property-store";
import type { PropertiesOnlyNamespace } from "./spec";

/** Dokku's default docker log retention per container. */
export const DEFAULT_MAX_SIZE = "10m";

/** Dokku's max-size check: `unlimited`, or a whole number followed by k, m or g. Pure. */
export function maxSizeProblem(value: string): string | undefined {
  if (value === "unlimited") return undefined;
  if (!/[kmg]$/.test(value)) return "Invalid max-size unit measure, value must end in any of [k, m, g]";
  if (value.length < 2) return "Invalid max-size value, must be a number followed by a unit of measure [k, m, g]";
  if (!/^[+-]?[0-9]{1,18}$/.test(value.slice(0, -1)))
    return `Invalid max-size value, unable to convert number to int: ${value.slice(0, -1)}`;
  return undefined;
}

/** A vector sink is `<type>://[?options]`: Dokku parses it as a URL whose scheme is the sink type. */
const SINK = /^([a-z][a-z0-9_-]*):\/\/[^\s]*$/;

function sinkProblem(value: string): string | undefined {
  const match = SINK.exec(value);
  if (!match) return `Invalid vector sink ${value}: expected <type>://[?<options>]`;
  if (new URLSearchParams(value.slice(value.indexOf("?") + 1 || value.length)).has("sinks"))
    return "Invalid option sinks";
  return undefined;
}

/** Dokku's stdout report reduces a sink to its type, so credentials in it are not printed. */
const redactedSink = (value: string) =>
  value === "" ? "" : `${(SINK.exec(value)?.[1] ?? "").replaceAll("-", "_")}://redacted`;

function networksProblem(value: string): string | undefined {
  for (const name of value.split(",").map((each) => each.trim())) {
    if (name === "") return "Invalid vector-networks value, empty entry in comma-separated list";
    if (name === "bridge") return 'Invalid vector-networks value, "bridge" is not a valid entry for vector-networks';
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(name)) return `Network "${name}" is not a valid network name`;
  }
  return undefined;
}

export const logsNamespace: PropertiesOnlyNamespace = {
  name: "logs",
  description: "Manage log integration for an app",
  setDescription: "Set or clear a logs property for an app",
  reportDescription: "Displays a logs report for one or more apps",
  wording: "property",
  legacyKeys: true,
  noEffect: "this host runs no vector log shipper",
  precheck: (scope, key) =>
    scope !== GLOBAL && (key === "vector-image" || key === "vector-networks")
      ? `${key} may only be set globally with --global`
      : undefined,
  properties: [
    {
      name: "app-label-alias",
      app: true,
      fallback: "com.dokku.app-name",
      validate: (value) =>
        /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)
          ? undefined
          : "Invalid app-label-alias value, must start with a letter or number and contain only letters, numbers, and any of [_, ., -]",
    },
    {
      name: "max-size",
      app: true,
      fallback: DEFAULT_MAX_SIZE,
      validate: maxSizeProblem,
      honoured: true,
    },
    { name: "vector-cron-sink", app: true, validate: sinkProblem, hide: redactedSink },
    { name: "vector-image", app: false, fallback: "timberio/vector:0.57.0-debian" },
    { name: "vector-networks", app: false, validate: networksProblem, existing: "networks" },
    { name: "vector-sink", app: true, validate: sinkProblem, hide: redactedSink },
  ],
};
