import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { SWARM_PLUGIN, SWARM_PROPERTIES } from "./properties";
import { swarmValueProblem } from "./values";

/** `scheduler-swarm:set <app>|--global <property> [<value>]`: an empty value unsets. */
export function setSwarmProperty(ctx: Context, scope: string | undefined, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: SWARM_PLUGIN,
    scope,
    key,
    value,
    properties: SWARM_PROPERTIES,
    globalProperties: SWARM_PROPERTIES,
    validate: swarmValueProblem,
  });
}
