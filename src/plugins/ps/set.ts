import type { Context } from "../../core/context";
import { isValidRestartPolicy } from "../../builders/container-spec";
import { setPluginProperty } from "../property-set";
import { PS_DEFAULTS, PS_GLOBAL_PROPERTIES, PS_PLUGIN } from "./properties";

/** `ps:set <app>|--global <key> [<value>]`, with Dokku's restart-policy check. */
export function setPsProperty(ctx: Context, scope: string | undefined, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: PS_PLUGIN,
    scope,
    key,
    value,
    properties: Object.keys(PS_DEFAULTS),
    globalProperties: PS_GLOBAL_PROPERTIES,
    validate: (property, given) => {
      if (property === "restart-policy" && !isValidRestartPolicy(given)) return "Invalid restart-policy specified";
      if (property === "stop-timeout-seconds" && !/^\d+$/.test(given))
        return "Invalid stop-timeout-seconds specified: must be a whole number of seconds";
      if (property === "restore" && given !== "true" && given !== "false")
        return "Invalid restore specified: must be true or false";
      return undefined;
    },
  });
}
