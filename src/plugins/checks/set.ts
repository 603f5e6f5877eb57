import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { CHECKS_PLUGIN } from "./properties";

/** checks:set keys: Dokku's wait-to-retire, and the documented default-wait, wait, timeout, attempts. */
export const CHECKS_KEYS = ["attempts", "default-wait", "timeout", "wait", "wait-to-retire"] as const;

/** Why a value is refused for `key`; undefined when valid. Pure. */
export function checksValueProblem(key: string, value: string): string | undefined {
  if (!/^\d+$/.test(value))
    return `Invalid ${key} value specified: must be a whole number of ${key === "attempts" ? "attempts" : "seconds"}`;
  if (key === "attempts" && Number(value) < 1) return "Invalid attempts value specified: must be 1 or more";
  return undefined;
}

/** `checks:set <app>|--global <key> [<value>]`: an empty value unsets, as Dokku's checks:set. */
export async function setChecksProperty(ctx: Context, scopeArg: string, key: string, value: string): Promise<void> {
  const scope = scopeArg === GLOBAL ? GLOBAL : verifyApp(ctx, scopeArg);
  if (key === "") fail("No key specified");
  if (!(CHECKS_KEYS as readonly string[]).includes(key))
    fail(`Invalid key specified, valid keys include: ${CHECKS_KEYS.join(", ")}`);
  const problem = value === "" ? undefined : checksValueProblem(key, value);
  if (problem) fail(problem);
  const write = () => {
    if (value !== "") {
      ctx.out.heading(`Setting ${key} to ${value}`);
      ctx.store.set(CHECKS_PLUGIN, scope, key, value);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      ctx.store.delete(CHECKS_PLUGIN, scope, key);
    }
  };
  if (scope === GLOBAL) write();
  else await withAppLock(ctx, scope, write);
}
