import type { TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

export const REDACTED = "[redacted]";

/**
 * A copy of `value` fit for logs and traces: every field whose schema is marked `secret` in its
 * trigger declaration (`secret: "config"`: see payload-gates.ts for what plugins get) is replaced
 * by "[redacted]", whatever the reader's grants. The schema is the one place that says
 * what is secret, so the trace, the events log and any later sink redact alike. Pure.
 */
export function redact(schema: TSchema, value: unknown): unknown {
  if (isSecret(schema)) return REDACTED;
  if (Array.isArray(schema.anyOf)) {
    const variant = (schema.anyOf as TSchema[]).find((candidate) => Value.Check(candidate, value));
    return variant ? redact(variant, value) : value;
  }
  if (Array.isArray(value) && schema.items) {
    return value.map((item) => redact(schema.items as TSchema, item));
  }
  if (value !== null && typeof value === "object" && schema.properties) {
    const properties = schema.properties as Record<string, TSchema>;
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      copy[key] = properties[key] ? redact(properties[key], field) : field;
    }
    return copy;
  }
  return value;
}

/** Whether a schema marks any field, at any depth, `secret`: only then need logs redact. Pure. */
export function hasSecret(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasSecret);
  if (schema === null || typeof schema !== "object") return false;
  if (isSecret(schema as TSchema)) return true;
  return Object.values(schema).some(hasSecret);
}

function isSecret(schema: TSchema): boolean {
  return schema.secret !== undefined && schema.secret !== false;
}
