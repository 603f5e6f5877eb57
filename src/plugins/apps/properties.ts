import { GLOBAL } from "../../store/property-store";

/** Properties `apps:set` may write per app (Dokku's DefaultProperties minus the global-only one). */
export const APP_PROPERTIES = ["deploy-source", "deploy-source-metadata"] as const;
/** Properties `apps:set --global` may write. */
export const GLOBAL_PROPERTIES = ["disable-autocreation"] as const;

/** Why `apps:set` refuses `key` for `scope` (an app or GLOBAL), in Dokku's order and words; undefined when allowed. Pure. */
export function setPropertyProblem(scope: string, key: string): string | undefined {
  const global = scope === GLOBAL;
  const valid: string[] = [...APP_PROPERTIES, ...GLOBAL_PROPERTIES].sort();
  if (!global && (GLOBAL_PROPERTIES as readonly string[]).includes(key))
    return "Property can only be specified globally";
  if (global && !(GLOBAL_PROPERTIES as readonly string[]).includes(key)) return "Property cannot be specified globally";
  if (key === "") return "No property specified";
  if (!valid.includes(key)) return `Invalid property specified, valid properties include: ${valid.join(", ")}`;
  return undefined;
}
