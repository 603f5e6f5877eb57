import { resourceConflict, type ResourceProperties } from "./resource-fragment";
import {
  CLEAR_VALUE,
  DEFAULT_PROCESS_TYPE,
  RESOURCE_KEYS,
  resourceProperty,
  type ResourceKey,
  type ResourceKind,
} from "./resource-values";

/** The properties after `resource:limit|reserve` set (or `clear`ed) `values` for a process type. Pure. */
export function withResourceValues(
  properties: ResourceProperties,
  processType: string,
  kind: ResourceKind,
  values: ReadonlyArray<readonly [ResourceKey, string]>,
): Record<string, string> {
  const next: Record<string, string> = { ...properties };
  for (const [key, value] of values) {
    const property = resourceProperty(processType, kind, key);
    if (value === CLEAR_VALUE) delete next[property];
    else next[property] = value;
  }
  return next;
}

/**
 * The first conflict docker would refuse after a change to `changedType`: that type's settings,
 * and when the app defaults changed, every process type that has its own. Pure.
 */
export function resourceConflictAfter(properties: ResourceProperties, changedType: string): string | undefined {
  const types = new Set([changedType]);
  if (changedType === DEFAULT_PROCESS_TYPE) {
    for (const property of Object.keys(properties)) types.add(property.slice(0, property.indexOf(".")));
  }
  for (const type of [...types].sort()) {
    const conflict = resourceConflict(properties, type);
    if (conflict) return conflict;
  }
  return undefined;
}

/**
 * The properties `resource:limit-clear|reserve-clear` remove: the process type's keys of that
 * kind, or with no process type every process type's keys of that kind. Pure.
 */
export function clearedResourceProperties(
  properties: ResourceProperties,
  kind: ResourceKind,
  processType: string | undefined,
): string[] {
  if (processType !== undefined)
    return RESOURCE_KEYS.map((key) => resourceProperty(processType, kind, key)).filter(
      (property) => property in properties,
    );
  return Object.keys(properties)
    .filter((property) => property.split(".")[1] === kind)
    .sort();
}
