import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { RELEASES_PLUGIN } from "./properties";

/** `releases:set <app>|--global keep [<N>]`: N a whole number >= 1; no value goes back to the default. */
export function setReleasesProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: RELEASES_PLUGIN,
    scope,
    key,
    value,
    properties: ["keep"],
    globalProperties: ["keep"],
    validate: (_property, given) =>
      /^[1-9][0-9]{0,5}$/.test(given) ? undefined : "Invalid keep specified: must be a whole number of at least 1",
  });
}
