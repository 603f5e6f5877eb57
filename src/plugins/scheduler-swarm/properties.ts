import type { SwarmServiceSettings } from "../../builders/swarm-service-spec";
import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";
import { parseDuration, placementConstraints } from "./values";

export const SWARM_PLUGIN = "scheduler-swarm";

/** Every scheduler-swarm property; each may be set per app or with --global. */
export const SWARM_PROPERTIES = [
  "network",
  "placement-constraints",
  "update-delay",
  "update-order",
  "update-parallelism",
] as const;
export type SwarmProperty = (typeof SWARM_PROPERTIES)[number];

/** What a property computes to when neither the app nor --global sets it. */
export const SWARM_DEFAULTS: Readonly<Record<SwarmProperty, string>> = {
  network: "",
  "placement-constraints": "",
  "update-delay": "0s",
  "update-order": "start-first",
  "update-parallelism": "1",
};

type Store = Pick<Context, "store">;

/** A property as computed for an app: the app's value, else the global one, else the default. */
export function swarmProperty(ctx: Store, app: string, key: SwarmProperty): string {
  const own = app === GLOBAL ? "" : (ctx.store.get(SWARM_PLUGIN, app, key) ?? "");
  return own || (ctx.store.get(SWARM_PLUGIN, GLOBAL, key) ?? "") || SWARM_DEFAULTS[key];
}

/** The app's scheduler-swarm properties (app, else global, else default) as service settings. */
export function swarmServiceSettings(ctx: Pick<Context, "store">, app: string): SwarmServiceSettings {
  const constraints = placementConstraints(swarmProperty(ctx, app, "placement-constraints"));
  return {
    updateParallelism: Number(swarmProperty(ctx, app, "update-parallelism")),
    updateDelaySeconds: (parseDuration(swarmProperty(ctx, app, "update-delay")) ?? 0) / 1e9,
    updateOrder: swarmProperty(ctx, app, "update-order") === "stop-first" ? "stop-first" : "start-first",
    ...(constraints.length > 0 ? { constraints } : {}),
  };
}
