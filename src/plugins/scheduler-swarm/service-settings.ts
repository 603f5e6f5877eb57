import type { SwarmServiceSettings } from "../../builders/swarm-service-spec";
import type { Context } from "../../core/context";
import { swarmProperty } from "./properties";
import { parseDuration, placementConstraints } from "./values";

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
