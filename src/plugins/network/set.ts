import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import {
  isNetworkProperty,
  NETWORK_PROPERTIES,
  networkPropertyValue,
  splitNetworkList,
} from "../../builders/network-properties";
import { GLOBAL } from "../../store/property-store";
import { propertySetProblem, writePluginProperty } from "../property-set";
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
  const key = property ?? "";
  const problem = propertySetProblem({ scope, key, properties: NETWORK_PROPERTIES });
  if (problem !== undefined || !isNetworkProperty(key)) return fail(problem ?? key, "invalid-property");
  // the value depends on the other attach phase as stored: read under the lock
  await writePluginProperty(ctx, NETWORK_PLUGIN, scope, key, () => {
    const outcome = networkPropertyValue(key, words, otherAttachNetworks(ctx, scope, key));
    return "problem" in outcome ? fail(outcome.problem, "invalid-property") : outcome.value;
  });
}

/** The networks of the other attach phase, as they apply to the scope (a network is attached in one phase only). */
function otherAttachNetworks(ctx: Context, scope: string, property: string): readonly string[] {
  const other = property === "attach-post-create" ? "attach-post-deploy" : "attach-post-create";
  if (scope === GLOBAL) return splitNetworkList(ctx.store.get(NETWORK_PLUGIN, GLOBAL, other) ?? "");
  const settings = networkSettings(ctx, scope);
  return other === "attach-post-create" ? settings.attachPostCreate : settings.attachPostDeploy;
}
