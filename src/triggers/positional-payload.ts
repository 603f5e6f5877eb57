import type { TriggerDeclaration } from "../../sdk/triggers/define";
import { fail } from "../core/errors";

/** The longest positional argument `plugin:trigger` takes (a path's PATH_MAX). */
export const MAX_POSITIONAL_ARG = 4096;
/** The most positional arguments `plugin:trigger` takes. */
export const MAX_POSITIONAL_ARGS = 256;

type Schema = Record<string, unknown>;

const GLOBAL_SCOPE = "--global";

/** The schemas a field may take: the members of a union, or the schema itself. Pure. */
function members(schema: Schema): Schema[] {
  return Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]) : [schema];
}

/** `<app>` / `<source-dir>`: how a field is named in the usage line. Pure. */
function usageName(field: string): string {
  const name = field.replace(/^\.\.\./, "").replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`);
  return field.startsWith("...") ? `[<${name}>...]` : `<${name}>`;
}

/** `dokku plugin:trigger builder-detect <app> <source-dir>`. Pure. */
export function positionalUsage(declaration: TriggerDeclaration): string {
  return [declaration.name, ...(declaration.positional ?? []).map(usageName)].join(" ");
}

/**
 * One argument as the value its field's schema takes: a string as it is, an integer or boolean
 * read from its text, `--global` or an app name as a scope; refused in one line naming the
 * field when it cannot be. Pure.
 */
function fieldValue(trigger: string, field: string, schema: Schema, text: string): unknown {
  const kinds = members(schema);
  const types = new Set(kinds.map((kind) => kind.type));
  if (types.has("null") && text === "") return null;
  if (kinds.some((kind) => kind.type === "object" && (kind.properties as Schema | undefined)?.kind !== undefined))
    return text === GLOBAL_SCOPE ? { kind: "global" } : { kind: "app", app: text };
  if (types.has("string")) return text;
  if (types.has("integer")) {
    if (!/^-?\d{1,15}$/.test(text)) fail(`${trigger}: ${field} must be a whole number, got '${text}'`, "usage");
    return Number(text);
  }
  if (types.has("boolean")) {
    if (text !== "true" && text !== "false") fail(`${trigger}: ${field} must be true or false, got '${text}'`, "usage");
    return text === "true";
  }
  return fail(`${trigger}: ${field} cannot be given positionally; pass the payload as JSON`, "usage");
}

/** The value of a field no argument gave: null when nullable, false for a boolean, else absent. Pure. */
function missingValue(schema: Schema): unknown {
  const types = new Set(members(schema).map((kind) => kind.type));
  if (types.has("null")) return null;
  if (types.has("boolean")) return false;
  return undefined;
}

/**
 * Dokku's positional form, `plugin:trigger <name> <arg>...`, as the trigger's typed payload: each
 * argument given to the field the declaration names at its place, `...field` taking the rest as
 * a list. Bounded: at most MAX_POSITIONAL_ARGS arguments of MAX_POSITIONAL_ARG characters, no
 * more than the fields take. The bus checks the payload against its schema as for any other. Pure.
 */
export function positionalPayload(declaration: TriggerDeclaration, args: readonly string[]): Record<string, unknown> {
  const { name, positional } = declaration;
  if (positional === undefined)
    fail(`${name} takes a JSON payload only: dokku plugin:trigger ${name} '<json-payload>'`, "usage");
  if (args.length > MAX_POSITIONAL_ARGS)
    fail(`${name}: at most ${MAX_POSITIONAL_ARGS} arguments are accepted, got ${args.length}`, "usage");
  const long = args.find((arg) => arg.length > MAX_POSITIONAL_ARG);
  if (long !== undefined)
    fail(`${name}: an argument is ${long.length} characters; the limit is ${MAX_POSITIONAL_ARG}`, "usage");
  const properties = ((declaration.payload as Schema).properties ?? {}) as Record<string, Schema>;
  const rest = positional.find((field) => field.startsWith("..."));
  const fixed = positional.filter((field) => !field.startsWith("..."));
  if (rest === undefined && args.length > fixed.length)
    fail(
      `${name} takes ${fixed.length} argument(s), got ${args.length}: usage: ${positionalUsage(declaration)}`,
      "usage",
    );
  const payload: Record<string, unknown> = {};
  fixed.forEach((field, index) => {
    const schema = properties[field] ?? {};
    const text = args[index];
    const value = text === undefined ? missingValue(schema) : fieldValue(name, field, schema, text);
    if (value === undefined)
      fail(`${name}: missing ${usageName(field)}: usage: ${positionalUsage(declaration)}`, "usage");
    payload[field] = value;
  });
  if (rest !== undefined) payload[rest.slice(3)] = args.slice(fixed.length);
  for (const [field, schema] of Object.entries(properties)) {
    if (!(field in payload)) {
      const value = missingValue(schema);
      if (value !== undefined) payload[field] = value;
    }
  }
  return payload;
}
