import type { Env } from "../config/keys";
import { sortedKeys } from "../config/keys";
import type { ConfigSnapshot } from "./snapshot";

/** Which keys a change of env from `before` to `after` sets (added or changed) and unsets. Pure. */
export function envChanges(before: Env, after: Env): { set: string[]; unset: string[] } {
  return {
    set: sortedKeys(after).filter((key) => before.get(key) !== after.get(key)),
    unset: sortedKeys(before).filter((key) => !after.has(key)),
  };
}

/** Global keys whose value changed since the snapshot and that the app's own config does not override. Pure. */
export function globalDrift(snapshot: ConfigSnapshot, globalNow: Env): string[] {
  const keys = new Set([...snapshot.global.keys(), ...globalNow.keys()]);
  return [...keys].filter((key) => !snapshot.app.has(key) && snapshot.global.get(key) !== globalNow.get(key)).sort();
}

/** `A B (app) C (global)`: the keys each half of the snapshot held. Pure. */
export function configKeys(snapshot: ConfigSnapshot): string {
  const own = sortedKeys(snapshot.app);
  const global = sortedKeys(snapshot.global).filter((key) => !snapshot.app.has(key));
  const parts = [
    ...(own.length > 0 ? [`${own.join(" ")} (app)`] : []),
    ...(global.length > 0 ? [`${global.join(" ")} (global)`] : []),
  ];
  return parts.length === 0 ? "(none)" : parts.join(" ");
}
