import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { REGISTRY_GLOBAL_PROPERTIES, REGISTRY_PLUGIN, REGISTRY_PROPERTIES } from "./properties";
import { registryValueProblem } from "./values";

/** `registry:set <app>|--global <property> [<value>]`: an empty value unsets. */
export function setRegistryProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: REGISTRY_PLUGIN,
    scope,
    key,
    value,
    properties: REGISTRY_PROPERTIES,
    globalProperties: REGISTRY_GLOBAL_PROPERTIES,
    validate: registryValueProblem,
  });
}
