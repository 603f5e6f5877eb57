/**
 * What a WASM plugin may see of a trigger's payload. A payload field whose schema is marked
 * `secret: "<grant>"` in its declaration (sdk/triggers) reaches a plugin only when the plugin
 * holds that grant; any other plugin receives it withheld, as a value its schema still accepts
 * (an empty list, an empty string, null, or the field left out when it is optional). Core
 * handlers always get the full payload; traces and the events log redact every secret field.
 *
 * The gates are found once, from the declarations, by the schema generator and written to the
 * generated table (src/triggers/generated), so applying them needs no schema library. Pure.
 */
import type { SecretGrant } from "../../sdk/triggers/define";
import { ANY_ITEM, distinct, walkSchema, type Schema } from "./schema-walk";

/** Where a secret field sits (property names; `*` is every item of an array) and how it is withheld. */
export interface PayloadGate {
  readonly path: readonly string[];
  readonly grant: SecretGrant;
  /** The field is optional: it is left out. */
  readonly omit: boolean;
  /** Otherwise, what stands in for it (a JSON value its schema accepts). */
  readonly withheld: unknown;
}

/**
 * The gates of a payload schema (JSON Schema as TypeBox builds it): every field marked
 * `secret`, at any depth, through objects, arrays and union variants. Throws when a marked
 * field has no value to stand in for it (an object or a number that is required), or when the
 * items of an array are marked instead of the array (a list of blanks would still tell its
 * length). Pure.
 */
export function payloadGates(schema: unknown, where = "payload"): PayloadGate[] {
  const gates: PayloadGate[] = [];
  walkSchema(schema, where, ({ schema: field, path, required, where: at }) => {
    if (field.secret === undefined || field.secret === false) return true;
    if (path.length === 0) throw new Error(`${at}: the whole payload cannot be secret; mark its fields`);
    if (path[path.length - 1] === ANY_ITEM)
      throw new Error(`${at}: mark the array ${path.slice(0, -1).join(".")} secret, not its items`);
    gates.push({ path, grant: secretGrant(field.secret, at), ...standIn(field, required, at) });
    return false;
  });
  return distinct(gates);
}

function secretGrant(marker: unknown, where: string): SecretGrant {
  if (marker === "config") return marker;
  throw new Error(
    `${where}: secret must name the grant that unlocks the field ("config"), got ${JSON.stringify(marker)}`,
  );
}

/** What an ungranted plugin gets in place of a secret field. Pure. */
function standIn(schema: Schema, required: boolean, where: string): { omit: boolean; withheld: unknown } {
  if (!required) return { omit: true, withheld: null };
  if (schema.type === "array" && !(typeof schema.minItems === "number" && schema.minItems > 0))
    return { omit: false, withheld: [] };
  const variants = (schema.anyOf ?? schema.oneOf ?? []) as Schema[];
  if (variants.some((variant) => variant.type === "null")) return { omit: false, withheld: null };
  if (
    schema.type === "string" &&
    schema.pattern === undefined &&
    !(typeof schema.minLength === "number" && schema.minLength > 0)
  ) {
    return { omit: false, withheld: "" };
  }
  throw new Error(
    `${where}: a secret field must be optional, nullable, a list or a plain string, so a plugin without the grant still gets a valid payload`,
  );
}

/**
 * The payload as a plugin holding the grants `held` says yes to sees it: each gated field it may
 * not read withheld. The original is never changed; a payload with nothing to withhold is
 * returned as it is. Pure.
 */
export function withhold(
  payload: unknown,
  gates: readonly PayloadGate[],
  held: (grant: SecretGrant) => boolean,
): unknown {
  let visible = payload;
  for (const gate of gates) if (!held(gate.grant)) visible = withheldAt(visible, gate.path, gate);
  return visible;
}

function withheldAt(value: unknown, path: readonly string[], gate: PayloadGate): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === ANY_ITEM) return Array.isArray(value) ? value.map((item) => withheldAt(item, rest, gate)) : value;
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, head)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length > 0) copy[head] = withheldAt(copy[head], rest, gate);
  else if (gate.omit) delete copy[head];
  else copy[head] = structuredClone(gate.withheld);
  return copy;
}
