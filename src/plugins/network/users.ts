import type { Context } from "../../core/context";
import { NETWORK_PROPERTIES, splitNetworkList } from "../../builders/network-properties";
import { GLOBAL } from "../../store/property-store";
import { allApps } from "../apps/app-list";
import { rawNetworkProperties } from "./properties";

/** Who names the network in their network properties: `app (property)` and `--global (property)` entries, sorted by app. */
export function networkUsers(ctx: Pick<Context, "store" | "paths">, name: string): string[] {
  const users: string[] = [];
  for (const scope of [...allApps(ctx), GLOBAL]) {
    const values = rawNetworkProperties(ctx, scope);
    const properties = NETWORK_PROPERTIES.filter(
      (key) => key !== "bind-all-interfaces" && key !== "tld" && splitNetworkList(values[key] ?? "").includes(name),
    );
    if (properties.length > 0) users.push(`${scope === GLOBAL ? GLOBAL : `app ${scope}`} (${properties.join(", ")})`);
  }
  return users;
}
