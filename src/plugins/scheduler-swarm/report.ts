import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { SWARM_DEFAULTS, SWARM_PLUGIN, SWARM_PROPERTIES } from "./properties";

/**
 * The scheduler-swarm report of an app or of --global: per property the computed value (app,
 * else global, else default), the global value and, for an app, its own.
 */
export function swarmReport(ctx: Pick<Context, "store">, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(SWARM_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {};
  for (const key of SWARM_PROPERTIES) {
    const global = get(GLOBAL, key);
    const own = target === GLOBAL ? "" : get(target, key);
    entries[`--scheduler-swarm-computed-${key}`] = own || global || SWARM_DEFAULTS[key];
    entries[`--scheduler-swarm-global-${key}`] = global;
    if (target !== GLOBAL) entries[`--scheduler-swarm-${key}`] = own;
  }
  return { type: "scheduler-swarm", target, legacyKeys: false, entries };
}
