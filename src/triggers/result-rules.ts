/**
 * What the bus checks in a WASM plugin's result beyond its schema: results are untrusted input.
 * Declared on the result schema (sdk/triggers):
 * - `maxItems` on a list: a longer list from a plugin is cut to the bound (before the schema
 *   check, which also holds core handlers to it);
 * - `refers: "<referent>"` on a string: the value must name something real (an existing app, a
 *   builder or proxy type this host has, the plugin's own name); a value naming nothing real is
 *   dropped from its list (a `first` answer becomes null).
 * Either is told in ONE warning naming the plugin and the bound. The rules are found once by
 * the schema generator and written to the generated table, so applying them needs no schema
 * library. Pure.
 */
import type { ResultReferent } from "../../sdk/triggers/define";
import { terminalJson } from "../core/terminal-text";
import { ANY_ITEM, distinct, walkSchema } from "./schema-walk";

export type ResultRule =
  | { readonly path: readonly string[]; readonly maxItems: number }
  | { readonly path: readonly string[]; readonly refers: ResultReferent };

const REFERENTS: readonly ResultReferent[] = ["app", "builder", "proxy-type", "plugin"];
/** How many dropped values a warning quotes. */
const QUOTED = 3;
/** How much of a dropped value a warning quotes. */
const QUOTED_LENGTH = 40;

/** The rules of a result schema, outer lists before inner ones. Throws on an unknown referent. Pure. */
export function resultRules(schema: unknown, where = "result"): ResultRule[] {
  const rules: ResultRule[] = [];
  walkSchema(schema, where, ({ schema: field, path, where: at }) => {
    if (field.refers !== undefined) {
      if (!REFERENTS.includes(field.refers as ResultReferent) || field.type !== "string") {
        throw new Error(
          `${at}: refers must mark a string and be one of ${REFERENTS.join(", ")}, got ${JSON.stringify(field.refers)}`,
        );
      }
      rules.push({ path, refers: field.refers as ResultReferent });
    }
    if (field.type === "array" && typeof field.maxItems === "number") rules.push({ path, maxItems: field.maxItems });
  });
  return distinct(rules);
}

/** One list cut to its bound. */
export interface Trimmed {
  readonly path: readonly string[];
  readonly count: number;
  readonly max: number;
}

/**
 * The result with every list over its `maxItems` cut to it, and what was cut. Runs before the
 * schema check, on a value of any shape: what is not where a rule points is left alone. Pure.
 */
export function trimResult(result: unknown, rules: readonly ResultRule[]): { result: unknown; trimmed: Trimmed[] } {
  const trimmed: Trimmed[] = [];
  let value = result;
  for (const rule of rules) {
    if (!("maxItems" in rule)) continue;
    value = update(value, rule.path, (list) => {
      if (!Array.isArray(list) || list.length <= rule.maxItems) return list;
      trimmed.push({ path: rule.path, count: list.length, max: rule.maxItems });
      return list.slice(0, rule.maxItems);
    });
  }
  return { result: value, trimmed };
}

/** Values dropped for naming nothing real, by referent. */
export type Dropped = ReadonlyMap<ResultReferent, readonly string[]>;

const DROP = Symbol("drop");

/**
 * The result (already checked against its schema) without the values that `isReal` says name
 * nothing real: each is removed from the nearest list holding it (with the object it sits in);
 * one outside any list makes the whole result null. Pure.
 */
export function dropUnreal(
  result: unknown,
  rules: readonly ResultRule[],
  isReal: (referent: ResultReferent, value: string) => boolean,
): { result: unknown; dropped: Dropped } {
  const dropped = new Map<ResultReferent, string[]>();
  let value = result;
  for (const rule of rules) {
    if (!("refers" in rule)) continue;
    // an empty `first` answer is no answer, as the bus reads it: nothing to check
    if (rule.path.length === 0 && value === "") continue;
    const pruned = prune(value, rule.path, (text) => {
      if (isReal(rule.refers, text)) return true;
      const list = dropped.get(rule.refers) ?? [];
      list.push(text);
      dropped.set(rule.refers, list);
      return false;
    });
    value = pruned === DROP ? null : pruned;
  }
  return { result: value, dropped };
}

function prune(value: unknown, path: readonly string[], keep: (text: string) => boolean): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return typeof value === "string" && !keep(value) ? DROP : value;
  if (head === ANY_ITEM) {
    if (!Array.isArray(value)) return value;
    const kept: unknown[] = [];
    for (const item of value) {
      const pruned = prune(item, rest, keep);
      if (pruned !== DROP) kept.push(pruned);
    }
    return kept;
  }
  if (!isObject(value) || !Object.hasOwn(value, head)) return value;
  const pruned = prune(value[head], rest, keep);
  return pruned === DROP ? DROP : { ...value, [head]: pruned };
}

function update(value: unknown, path: readonly string[], change: (at: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value);
  if (head === ANY_ITEM) return Array.isArray(value) ? value.map((item) => update(item, rest, change)) : value;
  if (!isObject(value) || !Object.hasOwn(value, head)) return value;
  return { ...value, [head]: update(value[head], rest, change) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const NOT_REAL: Readonly<Record<ResultReferent, (known: readonly string[], plugin: string) => string>> = {
  app: () => "not naming an existing app",
  builder: (known) => `not naming a builder of this host (${known.join(", ")})`,
  "proxy-type": (known) => `not naming a proxy type of this host (${known.join(", ")})`,
  plugin: (_known, plugin) => `other than its own name (${plugin})`,
};

/**
 * The one warning for what was cut and dropped from a plugin's result, or undefined when
 * nothing was: `plugin evil returned for app-list: 3 values not naming an existing app
 * (dropped): "--global", "../../tmp/x", "\u001b[2J"`. `known` lists the real values of a
 * referent where there are few. Pure.
 */
export function screenWarning(
  plugin: string,
  trigger: string,
  trimmed: readonly Trimmed[],
  dropped: Dropped,
  known: (referent: ResultReferent) => readonly string[] = () => [],
): string | undefined {
  const parts = [
    ...trimmed.map(
      ({ path, count, max }) =>
        `${count} items${path.length === 0 ? "" : ` in /${path.join("/")}`}, more than the ${max} allowed (kept the first ${max})`,
    ),
    ...[...dropped].map(([referent, values]) => {
      const shown = values.slice(0, QUOTED).map(quoted).join(", ");
      const more = values.length > QUOTED ? ` and ${values.length - QUOTED} more` : "";
      return `${values.length} value${values.length === 1 ? "" : "s"} ${NOT_REAL[referent](known(referent), plugin)} (dropped): ${shown}${more}`;
    }),
  ];
  return parts.length === 0 ? undefined : `plugin ${plugin} returned for ${trigger}: ${parts.join("; ")}`;
}

/** A value as a warning shows it: JSON-quoted, every control and bidi character escaped, cut. Pure. */
function quoted(value: string): string {
  const cut = value.length > QUOTED_LENGTH ? `${value.slice(0, QUOTED_LENGTH)}...` : value;
  return terminalJson(cut);
}
