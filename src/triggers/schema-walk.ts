/**
 * Walks a trigger's JSON Schema (as TypeBox builds it) the way a value is shaped: object
 * properties by name, the items of a list as `*`, union variants at the same path. Used to find
 * the marks a declaration puts on fields (payload gates, result rules). Pure.
 */
export type Schema = Record<string, unknown>;

/** The path segment standing for every item of a list. */
export const ANY_ITEM = "*";

export interface SchemaVisit {
  readonly schema: Schema;
  /** Property names, `*` for list items. */
  readonly path: readonly string[];
  /** Whether the field must be present in its object (items and the root always are). */
  readonly required: boolean;
  /** For messages: `payload.args`, `result[].namespace`. */
  readonly where: string;
}

/** Calls `visit` on `schema` and each of its subschemas, outer first; `visit` returning false skips what is inside. */
export function walkSchema(schema: unknown, where: string, visit: (at: SchemaVisit) => unknown): void {
  walk(schema as Schema, [], true, where, visit);
}

function walk(
  schema: Schema,
  path: string[],
  required: boolean,
  where: string,
  visit: (at: SchemaVisit) => unknown,
): void {
  if (typeof schema !== "object" || schema === null) return;
  if (visit({ schema, path, required, where }) === false) return;
  for (const variant of (schema.anyOf ?? schema.oneOf ?? []) as Schema[]) walk(variant, path, required, where, visit);
  if (schema.type === "array" && schema.items)
    walk(schema.items as Schema, [...path, ANY_ITEM], true, `${where}[]`, visit);
  if (schema.type === "object" && schema.properties) {
    const needed = new Set((schema.required ?? []) as string[]);
    for (const [name, field] of Object.entries(schema.properties as Record<string, Schema>)) {
      walk(field, [...path, name], needed.has(name), `${where}.${name}`, visit);
    }
  }
}

/** The items without repeats (equal as JSON), in their first order: union variants repeat marks. Pure. */
export function distinct<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
