import type { Context } from "../../core/context";
import {
  computeNetworkSettings,
  NETWORK_PROPERTIES,
  type NetworkProperty,
  type NetworkSettings,
} from "../../builders/network-properties";
import { GLOBAL } from "../../store/property-store";

export const NETWORK_PLUGIN = "network";

/** The raw values of one scope (an app or --global); absent properties left out. */
export function rawNetworkProperties(
  ctx: Pick<Context, "store">,
  scope: string,
): Partial<Record<NetworkProperty, string>> {
  const values: Partial<Record<NetworkProperty, string>> = {};
  for (const key of NETWORK_PROPERTIES) {
    const value = ctx.store.get(NETWORK_PLUGIN, scope, key);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** The app's effective network settings: its own values, else the global ones. */
export function networkSettings(ctx: Pick<Context, "store">, app: string): NetworkSettings {
  return computeNetworkSettings(rawNetworkProperties(ctx, app), rawNetworkProperties(ctx, GLOBAL));
}
