import type { Context } from "../../core/context";
import { GLOBAL, type PropertyStore } from "../../store/property-store";
import { TRIGGER_TABLE } from "../../triggers/generated/validators";

const PLUGIN = "events";
const ENABLED = "enabled";

export function eventsEnabled(store: PropertyStore): boolean {
  return store.get(PLUGIN, GLOBAL, ENABLED) === "true";
}

/** events:on / events:off: the global property `events/--global/enabled`. */
export function setEventsEnabled(ctx: Pick<Context, "store">, enabled: boolean): void {
  if (enabled) ctx.store.set(PLUGIN, GLOBAL, ENABLED, "true");
  else ctx.store.delete(PLUGIN, GLOBAL, ENABLED);
}

/** Every trigger the host declares: all of them are logged while the logger is on. Pure. */
export function loggedTriggers(): string[] {
  return Object.keys(TRIGGER_TABLE).sort();
}
