import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import {
  isNetworkProperty,
  NETWORK_PROPERTIES,
  networkPropertyValue,
  splitNetworkList,
} from "../../builders/network-properties";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { NETWORK_PLUGIN, networkSettings } from "./properties";

/**
 * `network:set <app>|--global <property> [<value> ...]`, as Dokku's: several networks for the
 * attach properties (words or comma-separated), none to unset. Every value is checked before
 * anything is written.
 */
export async function setNetworkProperty(
  ctx: Context,
  scopeArg: string | undefined,
  property: string | undefined,
  words: readonly string[],
): Promise<void> {
  const scope = scopeArg === GLOBAL ? GLOBAL : verifyApp(ctx, scopeArg);
  if (!property) fail("No property specified");
  if (!isNetworkProperty(property))
    fail(`Invalid property specified, valid properties include: ${NETWORK_PROPERTIES.join(", ")}`);
  const write = () => {
    const outcome = networkPropertyValue(property, words, otherAttachNetworks(ctx, scope, property));
    if ("problem" in outcome) fail(outcome.problem);
    if (outcome.value !== "") {
      ctx.out.heading(`Setting ${property} to ${outcome.value}`);
      ctx.store.set(NETWORK_PLUGIN, scope, property, outcome.value);
    } else {
      ctx.out.heading(`Unsetting ${property}`);
      ctx.store.delete(NETWORK_PLUGIN, scope, property);
    }
  };
  if (scope === GLOBAL) write();
  else await withAppLock(ctx, scope, write);
}

/** The networks of the other attach phase, as they apply to the scope (a network is attached in one phase only). */
function otherAttachNetworks(ctx: Context, scope: string, property: string): readonly string[] {
  const other = property === "attach-post-create" ? "attach-post-deploy" : "attach-post-create";
  if (scope === GLOBAL) return splitNetworkList(ctx.store.get(NETWORK_PLUGIN, GLOBAL, other) ?? "");
  const settings = networkSettings(ctx, scope);
  return other === "attach-post-create" ? settings.attachPostCreate : settings.attachPostDeploy;
}
