import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { CHECKS_PLUGIN } from "./properties";

/** checks:set keys: Dokku's wait-to-retire, and the documented default-wait, wait, timeout, attempts. */
const CHECKS_KEYS = ["attempts", "default-wait", "timeout", "wait", "wait-to-retire"] as const;

/** Why a value is refused for `key`; undefined when valid. Pure. */
export function checksValueProblem(key: string, value: string): string | undefined {
  if (!/^\d+$/.test(value))
    return `Invalid ${key} value specified: must be a whole number of ${key === "attempts" ? "attempts" : "seconds"}`;
  if (key === "attempts" && Number(value) < 1) return "Invalid attempts value specified: must be 1 or more";
  return undefined;
}

/** `checks:set <app>|--global <key> [<value>]`: an empty value unsets, as Dokku's checks:set. */
export function setChecksProperty(ctx: Context, scope: string, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: CHECKS_PLUGIN,
    scope,
    key,
    value,
    properties: CHECKS_KEYS,
    noun: "key",
    validate: checksValueProblem,
  });
}
