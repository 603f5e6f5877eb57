import type { Context } from "../../core/context";
import { SCHEDULERS } from "./select-scheduler";
import { SCHEDULER_PLUGIN } from "./selected";
import { setPluginProperty } from "../property-set";

/** `scheduler:set <app>|--global selected|shell [<value>]`: only schedulers this build has may be selected. */
export function setSchedulerProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: SCHEDULER_PLUGIN,
    scope,
    key,
    value,
    properties: ["selected", "shell"],
    globalProperties: ["selected", "shell"],
    validate: (property, selected) =>
      property === "selected" && !(selected in SCHEDULERS)
        ? `Invalid scheduler specified: ${selected}; available schedulers: ${Object.keys(SCHEDULERS).join(", ")}`
        : undefined,
  });
}
