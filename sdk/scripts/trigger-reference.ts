/**
 * `sdk/TRIGGERS.md`: the trigger reference page, rendered from the declarations in
 * `sdk/triggers/` (name, kind, version, when it fires, payload and result as tables of fields,
 * an example of each). Written and checked by generate-schemas.ts. Pure.
 */
import type { ResultReferent, TriggerDeclaration, TriggerKind } from "../triggers/define";
import { resultRules } from "../../src/triggers/result-rules";
import { payloadGates, type PayloadGate } from "../../src/triggers/payload-gates";
import { positionalUsage } from "../../src/triggers/positional-payload";

type Schema = Record<string, unknown>;

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

const KIND_MEANING: Readonly<Record<TriggerKind, string>> = {
  notify: "every handler runs; a failure is reported and the others still run",
  first: "handlers run in order until one returns a non-empty value, which wins",
  collect: "every handler runs and returns an array; the arrays are concatenated in handler order",
  veto: "handlers run in order until one refuses; a refusal (or a failure) stops the operation",
};

/** What a result string marked `refers` must name. */
const REFERENT_TEXT: Readonly<Record<ResultReferent, string>> = {
  app: "an existing app",
  builder: "a builder of this host",
  "proxy-type": "a proxy type of this host",
  plugin: "the plugin itself",
};

/** How the bus screens a WASM plugin's result of this trigger, if it does. Pure. */
function screening(result: Schema): string[] {
  const rules = resultRules(result);
  if (rules.length === 0) return [];
  const bounded = rules.some((rule) => "maxItems" in rule);
  const named = rules.some((rule) => "refers" in rule);
  const what = [
    bounded ? "a list longer than its bound is cut to it" : "",
    named
      ? "a value not naming what it must (an existing app, a builder or proxy type of this host, the plugin itself) is dropped from its list (an answer becomes `null`)"
      : "",
  ].filter((part) => part !== "");
  return ["", `A WASM plugin's result is untrusted: ${what.join("; ")}, with one warning naming the plugin.`];
}

/** Example strings by field name; the first one that fits the field's pattern and length is used. */
const STRING_HINTS: Readonly<Record<string, readonly string[]>> = {
  app: ["node-js-app"],
  oldApp: ["node-js-app"],
  newApp: ["node-js-app-2"],
  apps: ["node-js-app", "api"],
  image: ["dokku/node-js-app:latest"],
  processType: ["web"],
  sourceDir: ["/tmp/dokku-build-1a2b3c/source"],
  rev: ["5c9f1e2d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"],
  user: ["admin"],
  sshUser: ["dokku"],
  command: ["config:set"],
  args: ["node-js-app", "KEY=value"],
  keys: ["DATABASE_URL"],
  dyno: ["web.1"],
  address: ["172.17.0.5"],
  stage: ["deploy"],
  reason: ["Could not start web.1: healthcheck name='default' failed"],
  namespace: ["app"],
  flag: ["app-deploy-source"],
  realm: ["Restricted"],
  hash: ["{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="],
  body: ["<h1>Down for maintenance</h1>"],
  name: ["com.example.team", "EXAMPLE_VAR", "X-Frame-Options"],
  value: ["ops"],
};
const INTEGER_HINTS: Readonly<Record<string, number>> = { releaseId: 3, port: 5000, status: 503 };
const BOOLEAN_HINTS: Readonly<Record<string, boolean>> = { restart: true, allow: true };
/** Results whose type alone says little (`first` triggers answer with a name). */
const RESULT_EXAMPLES: Readonly<Record<string, unknown>> = {
  "builder-detect": "dockerfile",
  "builder-image-is-herokuish": "false",
  "proxy-is-enabled": "true",
  "proxy-type": "nginx",
};

function variants(schema: Schema): Schema[] | undefined {
  return (schema.anyOf as Schema[] | undefined) ?? (schema.oneOf as Schema[] | undefined);
}

function fits(text: string, schema: Schema): boolean {
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(text)) return false;
  if (typeof schema.minLength === "number" && text.length < schema.minLength) return false;
  return typeof schema.maxLength !== "number" || text.length <= schema.maxLength;
}

/** A value that matches `schema`, from hints by field name; `key` is the field's name. Pure. */
export function exampleOf(schema: Schema, key = ""): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("const" in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  const anyOf = variants(schema);
  if (anyOf !== undefined) return exampleOf(anyOf.find((item) => item.type !== "null") ?? (anyOf[0] as Schema), key);
  switch (schema.type) {
    case "string":
      return (STRING_HINTS[key] ?? []).find((text) => fits(text, schema)) ?? "node-js-app";
    case "integer":
    case "number":
      return INTEGER_HINTS[key] ?? (typeof schema.minimum === "number" ? schema.minimum : 1);
    case "boolean":
      return BOOLEAN_HINTS[key] ?? false;
    case "null":
      return null;
    case "array": {
      const items = (schema.items ?? {}) as Schema;
      const itemVariants = variants(items);
      if (itemVariants?.every((item) => item.type === "object"))
        return itemVariants.map((item) => exampleOf(item, key));
      return [exampleOf(items, key)];
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([name, item]) => [name, exampleOf(item, name)]));
    }
    default:
      return null;
  }
}

/** A short type text: `string`, `integer ≥ 1`, `"set" \| "unset"`, `array of string`, `object`. Pure. */
export function typeLabel(schema: Schema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  const anyOf = variants(schema);
  if (anyOf !== undefined) return [...new Set(anyOf.map(typeLabel))].join(" | ");
  const type = String(schema.type ?? "any");
  if (type === "array") {
    const items = `array of ${typeLabel((schema.items ?? {}) as Schema)}`;
    return typeof schema.maxItems === "number" ? `${items} (at most ${schema.maxItems})` : items;
  }
  if (type === "integer" || type === "number") {
    const { minimum: min, maximum: max } = schema as { minimum?: number; maximum?: number };
    if (min !== undefined && max !== undefined) return `${type} ${min}..${max}`;
    if (min !== undefined) return `${type} ≥ ${min}`;
    return max === undefined ? type : `${type} ≤ ${max}`;
  }
  if (type === "string") {
    const limits = [
      typeof schema.pattern === "string" ? `matching \`${schema.pattern}\`` : "",
      typeof schema.maxLength === "number" ? `at most ${schema.maxLength} characters` : "",
      typeof schema.refers === "string" ? `naming ${REFERENT_TEXT[schema.refers as ResultReferent]}` : "",
    ].filter((part) => part !== "");
    return limits.length === 0 ? "string" : `string ${limits.join(", ")}`;
  }
  return type;
}

/** One row per field, nested fields as `a.b`, array items as `a[]`, union variants as `a[type="x"]`. Pure. */
export function fieldRows(schema: Schema, path = "", required = true): Row[] {
  const rows: Row[] = [];
  if (path !== "")
    rows.push({ path, type: typeLabel(schema), required, description: String(schema.description ?? "") });
  const anyOf = variants(schema);
  if (schema.type === "object") {
    const needed = new Set((schema.required ?? []) as string[]);
    for (const [name, item] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      rows.push(...fieldRows(item, path === "" ? name : `${path}.${name}`, needed.has(name)));
    }
  } else if (schema.type === "array") {
    const items = (schema.items ?? {}) as Schema;
    if (items.type === "object" || variants(items) !== undefined) rows.push(...fieldRows(items, `${path}[]`, true));
  } else if (anyOf?.some((item) => item.type === "object")) {
    for (const variant of anyOf.filter((item) => item.type === "object")) {
      const properties = (variant.properties ?? {}) as Record<string, Schema>;
      const tag = Object.entries(properties).find(([, item]) => "const" in item);
      const label = tag === undefined ? path : `${path}[${tag[0]}=${JSON.stringify(tag[1].const)}]`;
      rows.push(...fieldRows({ ...variant, description: variant.description ?? "" }, label, true));
    }
  }
  return rows;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function table(rows: readonly Row[]): string[] {
  return [
    "| field | type | required | description |",
    "| ----- | ---- | -------- | ----------- |",
    ...rows.map(
      (row) =>
        `| \`${cell(row.path)}\` | ${cell(row.type)} | ${row.required ? "yes" : "no"} | ${cell(row.description)} |`,
    ),
  ];
}

/** A gate's field as the tables name it: `args`, `items[].token`. Pure. */
function gatePath(gate: PayloadGate): string {
  return gate.path.reduce(
    (path, segment) => (segment === "*" ? `${path}[]` : path === "" ? segment : `${path}.${segment}`),
    "",
  );
}

/** What a plugin without the grant gets instead of a gated field. Pure. */
function withheldText(gate: PayloadGate): string {
  return gate.omit ? "the field left out" : `\`${JSON.stringify(gate.withheld)}\``;
}

function gateNote(gate: PayloadGate): string {
  return `Secret: a WASM plugin without the \`${gate.grant}\` grant gets ${withheldText(gate)}.`;
}

/** The reference's table of every gated payload field, by trigger. Pure. */
function gatesTable(triggers: Readonly<Record<string, TriggerDeclaration>>, names: readonly string[]): string[] {
  const rows = names.flatMap((name) =>
    payloadGates((triggers[name] as TriggerDeclaration).payload).map(
      (gate) => `| [\`${name}\`](#${name}) | \`${gatePath(gate)}\` | \`${gate.grant}\` | ${withheldText(gate)} |`,
    ),
  );
  if (rows.length === 0) return ["No payload field is secret."];
  return [
    "| trigger | field | grant that unlocks it | what a plugin without the grant gets |",
    "| ------- | ----- | --------------------- | ------------------------------------ |",
    ...rows,
  ];
}

function shape(schema: Schema, what: string, gates: readonly PayloadGate[] = []): string[] {
  // an array's rows describe one item, without the `[]` prefix
  const notes = new Map(gates.map((gate) => [gatePath(gate), gateNote(gate)]));
  const rows = (schema.type === "array" ? fieldRows((schema.items ?? {}) as Schema) : fieldRows(schema)).map((row) => {
    const note = notes.get(row.path);
    return note === undefined
      ? row
      : { ...row, description: `${row.description}${row.description === "" ? "" : ". "}${note}` };
  });
  if (schema.type === "object" && rows.length === 0) return ["An empty object: `{}`."];
  if (schema.type === "null") return [`\`null\` (a notify handler returns nothing: empty output or \`null\`).`];
  if (rows.length === 0) return [`${what}: ${cell(typeLabel(schema))}.`];
  const lead =
    schema.type === "object"
      ? []
      : [`${what}: ${cell(typeLabel(schema))}${schema.type === "array" ? ", each item:" : ""}`, ""];
  return [...lead, ...table(rows)];
}

function json(value: unknown): string[] {
  return ["```json", JSON.stringify(value, null, 2), "```"];
}

/** The example payload and result of a trigger, as the reference shows them. Pure. */
export function triggerExamples(declaration: TriggerDeclaration): { payload: unknown; result: unknown } {
  const result =
    declaration.name in RESULT_EXAMPLES
      ? RESULT_EXAMPLES[declaration.name]
      : exampleOf(declaration.result as unknown as Schema);
  return { payload: exampleOf(declaration.payload as unknown as Schema), result };
}

function section(declaration: TriggerDeclaration): string[] {
  const payload = declaration.payload as unknown as Schema;
  const result = declaration.result as unknown as Schema;
  const examples = triggerExamples(declaration);
  return [
    `## \`${declaration.name}\``,
    "",
    declaration.description,
    "",
    `- kind: \`${declaration.kind}\` (${KIND_MEANING[declaration.kind as TriggerKind]})`,
    `- version: ${declaration.version}`,
    `- WASM export: \`on_${declaration.name.replaceAll("-", "_")}\``,
    `- JSON Schema: [\`schemas/${declaration.name}.json\`](schemas/${declaration.name}.json)`,
    declaration.positional === undefined
      ? "- positional form: none (`plugin:trigger` takes its payload as JSON only)"
      : `- positional form (Dokku's): \`dokku plugin:trigger ${positionalUsage(declaration)}\``,
    "",
    "### Payload",
    "",
    ...shape(payload, "The payload", payloadGates(payload)),
    "",
    "### Result (one handler's)",
    "",
    ...shape(result, "A value"),
    ...screening(result),
    "",
    "### Example",
    "",
    "Payload:",
    "",
    ...json(examples.payload),
    "",
    "Result:",
    "",
    ...json(examples.result),
    "",
  ];
}

/** The whole page. Pure. */
export function renderTriggerReference(triggers: Readonly<Record<string, TriggerDeclaration>>): string {
  const names = Object.keys(triggers).sort();
  const lines = [
    "# Trigger reference",
    "",
    "<!-- Generated by sdk/scripts/generate-schemas.ts from sdk/triggers/; do not edit. Run `bun run schemas`. -->",
    "",
    "Every trigger the host fires, with the payload handlers receive and the result one handler returns.",
    "A WASM plugin handles a trigger by exporting `on_<name>` (`-` as `_`); its input is",
    '`{"trigger": "<name>", "version": <n>, "app": "<app>" | null, "payload": {...}}` and its output the',
    'result JSON (see README.md, "Plugin ABI"). The host checks both against the JSON Schemas in `schemas/`.',
    "`dokku plugin:trigger <name> '<json-payload>'` fires one and prints the combined result as JSON;",
    "`dokku plugin:trigger <name> <arg>...`, Dokku's positional form, builds the payload from the arguments",
    "in the order each trigger gives below and prints the result as Dokku's triggers print theirs (a `first`",
    "answer as its text, a `collect` list one item a line).",
    "",
    "| trigger | kind | version | when it fires |",
    "| ------- | ---- | ------- | ------------- |",
    ...names.map((name) => {
      const declaration = triggers[name] as TriggerDeclaration;
      return `| [\`${name}\`](#${name}) | ${declaration.kind} | ${declaration.version} | ${cell(declaration.description)} |`;
    }),
    "",
    "A payload field marked secret reaches a WASM plugin only when the plugin was granted what unlocks it",
    "(`plugin:install --allow-config`); any other plugin gets it withheld, as a value its schema still accepts.",
    "Core handlers get every field; traces and the events log redact secret fields whatever the grants.",
    "",
    ...gatesTable(triggers, names),
    "",
    ...names.flatMap((name) => section(triggers[name] as TriggerDeclaration)),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
