import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { APPS_PLUGIN } from "./paths";
import { APP_PROPERTIES, GLOBAL_PROPERTIES } from "./properties";

/** `apps:set <app>|--global <key> [<value>]`: writes the property, or clears it on an empty value. */
export function setAppsProperty(ctx: Context, scope: string | undefined, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: APPS_PLUGIN,
    scope,
    key,
    value,
    properties: APP_PROPERTIES,
    globalProperties: GLOBAL_PROPERTIES,
  });
}
