/**
 * Generates `sdk/assemblyscript/assembly/triggers.ts` from `sdk/schemas/*.json`: per trigger, its
 * name and version, a typed payload reader (`NginxSnippetPayload.read(input.payload)`) and result
 * writers (`nginxSnippetResult([new NginxSnippetRespond(503, html, "text/html")])`).
 * `bun sdk/assemblyscript/scripts/generate.ts` writes it; `--check` exits 1 when it is stale.
 * Schema forms it does not know fail the generation, so a new trigger cannot be silently skipped.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const SCHEMAS_DIR = resolve(import.meta.dir, "..", "..", "schemas");
export const TRIGGERS_FILE = resolve(import.meta.dir, "..", "assembly", "triggers.ts");

interface Schema {
  readonly type?: string;
  readonly const?: unknown;
  readonly anyOf?: readonly Schema[];
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly description?: string;
  /** The grant a plugin needs to receive this payload field (sdk/triggers/define.ts SecretGrant). */
  readonly secret?: string;
}

interface TriggerDocument {
  readonly title: string;
  readonly kind: string;
  readonly version: number;
  readonly description: string;
  readonly payload: Schema;
  readonly result: Schema;
}

/** An AssemblyScript type for a schema, with how to read it from a JsonValue and write it. */
interface AsType {
  readonly ts: string;
  readonly init: string;
  read(value: string): string;
  write(writer: string, value: string): string;
}

export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

export function camel(name: string): string {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

function singular(name: string): string {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("s")) return name.slice(0, -1);
  return `${name}Item`;
}

const STRING: AsType = {
  ts: "string",
  init: '""',
  read: (v) => `${v}.asString()`,
  write: (w, v) => `${w}.string(${v});`,
};
const INTEGER: AsType = { ts: "i64", init: "0", read: (v) => `${v}.asI64()`, write: (w, v) => `${w}.int(${v});` };
const NUMBER: AsType = { ts: "f64", init: "0", read: (v) => `${v}.asF64()`, write: (w, v) => `${w}.number(${v});` };
const BOOLEAN: AsType = {
  ts: "bool",
  init: "false",
  read: (v) => `${v}.asBool()`,
  write: (w, v) => `${w}.bool(${v});`,
};
const NULLABLE_STRING: AsType = {
  ts: "string | null",
  init: "null",
  read: (v) => `(${v}.isNull() ? null : ${v}.asString())`,
  write: (w, v) => `${w}.stringOrNull(${v});`,
};
/** Integers that may be null: -1 stands for null (the schemas' integers are ids and counts, >= 0). */
const NULLABLE_INTEGER: AsType = {
  ts: "i64",
  init: "-1",
  read: (v) => `(${v}.isNull() ? -1 : ${v}.asI64())`,
  write: (w, v) => `if (${v} < 0) ${w}.null(); else ${w}.int(${v});`,
};

function isNull(schema: Schema): boolean {
  return schema.type === "null";
}

function isStringEnum(schema: Schema): boolean {
  return (
    (schema.anyOf ?? []).length > 0 && (schema.anyOf ?? []).every((s) => s.type === "string" && s.const !== undefined)
  );
}

function isObjectUnion(schema: Schema): boolean {
  return (schema.anyOf ?? []).length > 0 && (schema.anyOf ?? []).every((s) => s.type === "object");
}

/** The property every variant of an object union fixes with a `const`. */
function discriminator(variants: readonly Schema[], where: string): string {
  const first = variants[0] as Schema;
  for (const key of Object.keys(first.properties ?? {})) {
    if (variants.every((v) => v.properties?.[key]?.const !== undefined)) return key;
  }
  throw new Error(`${where}: an object union without a const discriminator`);
}

function orderedProperties(schema: Schema): string[] {
  const required = schema.required ?? [];
  const rest = Object.keys(schema.properties ?? {}).filter((key) => !required.includes(key));
  return [...required, ...rest];
}

class Generator {
  readonly classes: string[] = [];

  /** The AS type of a payload value, declaring reader classes for objects. */
  readerType(schema: Schema, name: string, where: string): AsType {
    if (schema.anyOf !== undefined) {
      const nonNull = schema.anyOf.filter((s) => !isNull(s));
      if (nonNull.length === 1 && nonNull.length < schema.anyOf.length) {
        const inner = nonNull[0] as Schema;
        if (inner.type === "string") return NULLABLE_STRING;
        if (inner.type === "integer") return NULLABLE_INTEGER;
        throw new Error(`${where}: nullable ${inner.type} is not supported`);
      }
      if (isStringEnum(schema)) return STRING;
      if (isObjectUnion(schema)) return this.readerClass(this.mergeUnion(schema.anyOf, where), name, where);
      throw new Error(`${where}: this anyOf form is not supported`);
    }
    switch (schema.type) {
      case "string":
        return STRING;
      case "integer":
        return INTEGER;
      case "number":
        return NUMBER;
      case "boolean":
        return BOOLEAN;
      case "array": {
        const item = this.readerType(schema.items ?? {}, singular(name), `${where}[]`);
        if (item === STRING) return { ...item, ts: "string[]", init: "[]", read: (v) => `${v}.asStringArray()` };
        const reader = `read${pascal(singular(name))}List`;
        this.classes.push(
          `function ${reader}(v: JsonValue): ${item.ts}[] {\n` +
            `  const items = v.asArray();\n  const out = new Array<${item.ts}>(items.length);\n` +
            `  for (let i = 0; i < items.length; i++) out[i] = ${item.read("items[i]")};\n  return out;\n}\n`,
        );
        return { ...item, ts: `${item.ts}[]`, init: "[]", read: (v) => `${reader}(${v})` };
      }
      case "object":
        return this.readerClass(schema, name, where);
      default:
        throw new Error(`${where}: type ${String(schema.type)} is not supported`);
    }
  }

  /** One object out of a union's variants: the discriminator and every field; a field not in every variant may be null. */
  mergeUnion(variants: readonly Schema[], where: string): Schema {
    const key = discriminator(variants, where);
    const properties: Record<string, Schema> = { [key]: { type: "string" } };
    const required = [key];
    for (const variant of variants) {
      for (const [prop, schema] of Object.entries(variant.properties ?? {})) {
        if (prop === key) continue;
        const everywhere = variants.every((v) => (v.required ?? []).includes(prop));
        properties[prop] = everywhere ? schema : { anyOf: [schema, { type: "null" }] };
        if (everywhere && !required.includes(prop)) required.push(prop);
      }
    }
    return { type: "object", properties, required };
  }

  readerClass(schema: Schema, name: string, where: string): AsType {
    const className = pascal(name);
    const fields: string[] = [];
    const reads: string[] = [];
    for (const prop of orderedProperties(schema)) {
      const propSchema = schema.properties?.[prop] as Schema;
      const required = (schema.required ?? []).includes(prop);
      let type = this.readerType(propSchema, `${name}-${prop}`, `${where}.${prop}`);
      if (!required && type === STRING) type = NULLABLE_STRING;
      const field = camel(prop);
      const secret =
        propSchema.secret === undefined
          ? ""
          : ` Secret: withheld (empty) unless the plugin holds the ${propSchema.secret} grant.`;
      const text =
        `${propSchema.description ?? ""}${propSchema.description !== undefined && secret !== "" ? "." : ""}${secret}`.trim();
      const doc = text === "" ? "" : `  /** ${text} */\n`;
      fields.push(`${doc}  ${field}: ${type.ts} = ${type.init};\n`);
      const source = `v.get(${JSON.stringify(prop)})`;
      if (required) reads.push(`    out.${field} = ${type.read(`v.member(${JSON.stringify(prop)})`)};\n`);
      else
        reads.push(
          `    const ${field}Value = ${source};\n    if (${field}Value !== null) out.${field} = ${type.read(`${field}Value!`)};\n`,
        );
    }
    this.classes.push(
      `export class ${className} {\n${fields.join("")}${fields.length > 0 ? "\n" : ""}  static read(v: JsonValue): ${className} {\n` +
        `    ${reads.length > 0 ? "const out = " : "return "}new ${className}();\n${reads.join("")}${reads.length > 0 ? "    return out;\n" : ""}  }\n}\n`,
    );
    return { ts: className, init: `new ${className}()`, read: (v) => `${className}.read(${v})`, write: () => "" };
  }

  /** The AS type of a result value, declaring writer classes for objects. */
  writerType(
    schema: Schema,
    name: string,
    where: string,
    base: string | null = null,
    fixed: Record<string, unknown> = {},
  ): AsType {
    if (schema.anyOf !== undefined) {
      const nonNull = schema.anyOf.filter((s) => !isNull(s));
      if (nonNull.length === 1 && nonNull.length < schema.anyOf.length && (nonNull[0] as Schema).type === "string")
        return NULLABLE_STRING;
      if (isStringEnum(schema)) return STRING;
      if (isObjectUnion(schema)) {
        const key = discriminator(schema.anyOf, where);
        const baseName = pascal(name);
        this.classes.push(`export abstract class ${baseName} {\n  abstract write(w: JsonWriter): void;\n}\n`);
        for (const variant of schema.anyOf) {
          const tag = String(variant.properties?.[key]?.const);
          this.writerClass(variant, `${name.replace(/-item$/, "")}-${tag}`, `${where}<${tag}>`, baseName, {
            [key]: variant.properties?.[key]?.const,
          });
        }
        return { ts: baseName, init: "", read: () => "", write: (w, v) => `${v}.write(${w});` };
      }
      throw new Error(`${where}: this anyOf form is not supported in a result`);
    }
    switch (schema.type) {
      case "string":
        return STRING;
      case "integer":
        return INTEGER;
      case "number":
        return NUMBER;
      case "boolean":
        return BOOLEAN;
      case "array": {
        const item = this.writerType(schema.items ?? {}, singular(name), `${where}[]`);
        return {
          ts: `${item.ts}[]`,
          init: "[]",
          read: () => "",
          write: (w, v) =>
            `${w}.beginArray();\nfor (let i = 0; i < ${v}.length; i++) ${item.write(w, `${v}[i]`)}\n${w}.endArray();`,
        };
      }
      case "object":
        return this.writerClass(schema, name, where, base, fixed);
      default:
        throw new Error(`${where}: type ${String(schema.type)} is not supported in a result`);
    }
  }

  writerClass(
    schema: Schema,
    name: string,
    where: string,
    base: string | null,
    fixed: Record<string, unknown>,
  ): AsType {
    const className = pascal(name);
    const params: string[] = [];
    const writes: string[] = [];
    for (const prop of orderedProperties(schema)) {
      writes.push(`    w.key(${JSON.stringify(prop)});\n`);
      if (prop in fixed) {
        writes.push(`    w.raw(${JSON.stringify(JSON.stringify(fixed[prop]))});\n`);
        continue;
      }
      const propSchema = schema.properties?.[prop] as Schema;
      const type = this.writerType(propSchema, `${name}-${prop}`, `${where}.${prop}`);
      params.push(`public ${camel(prop)}: ${type.ts}`);
      writes.push(indent(type.write("w", `this.${camel(prop)}`), "    "));
    }
    const doc = schema.description === undefined ? "" : `/** ${schema.description} */\n`;
    const extendsBase = base === null ? "" : ` extends ${base}`;
    const superCall = base === null ? "" : "\n    super();\n  ";
    const override = base === null ? "" : "override ";
    this.classes.push(
      `${doc}export class ${className}${extendsBase} {\n  constructor(${params.join(", ")}) {${superCall}}\n` +
        `  ${override}write(w: JsonWriter): void {\n    w.beginObject();\n${writes.join("")}    w.endObject();\n  }\n}\n`,
    );
    return { ts: className, init: "", read: () => "", write: (w, v) => `${v}.write(${w});` };
  }
}

function indent(code: string, prefix: string): string {
  return code
    .split("\n")
    .map((line) => `${prefix}${line}\n`)
    .join("");
}

function triggerSection(doc: TriggerDocument): string {
  const gen = new Generator();
  const fn = camel(doc.title);
  const head =
    `// ---- ${doc.title} (${doc.kind}, version ${doc.version}): ${doc.description}\n\n` +
    `export const ${doc.title.toUpperCase().replaceAll("-", "_")} = ${JSON.stringify(doc.title)};\n` +
    `export const ${doc.title.toUpperCase().replaceAll("-", "_")}_VERSION: i32 = ${doc.version};\n`;
  gen.readerType(doc.payload, `${doc.title}-payload`, `${doc.title}.payload`);
  let writer = "";
  if (doc.kind === "collect" || doc.kind === "first") {
    const type = gen.writerType(
      doc.result,
      doc.kind === "collect" ? `${doc.title}-items` : `${doc.title}-result`,
      `${doc.title}.result`,
    );
    const param = doc.kind === "collect" ? "items" : "value";
    writer =
      `/** The ${doc.title} result as JSON text, for \`setResult\`. */\n` +
      `export function ${fn}Result(${param}: ${type.ts}): string {\n  const w = new JsonWriter();\n${indent(type.write("w", param), "  ")}  return w.toString();\n}\n`;
  }
  return [head, ...gen.classes, writer].filter((part) => part !== "").join("\n");
}

/** The whole generated file from the schema documents. Pure. */
export function generateTriggersFile(documents: readonly TriggerDocument[]): string {
  const sections = [...documents].sort((a, b) => (a.title < b.title ? -1 : 1)).map(triggerSection);
  return (
    "// Generated by sdk/assemblyscript/scripts/generate.ts from sdk/schemas; do not edit.\n" +
    "// Payload readers: `XPayload.read(readTrigger().payload)`. Result writers: `setResult(xResult(...))`\n" +
    "// for collect and first triggers; notify handlers set no result; veto handlers use\n" +
    "// `vetoAllow()` / `vetoRefuse(reason)`. An integer that may be null reads as -1 when null.\n\n" +
    'import { JsonValue, JsonWriter } from "./json";\n\n' +
    `${sections.join("\n")}`
  );
}

export function readSchemaDocuments(dir: string = SCHEMAS_DIR): TriggerDocument[] {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { triggers: { schema: string }[] };
  return index.triggers.map((entry) => JSON.parse(readFileSync(join(dir, entry.schema), "utf8")) as TriggerDocument);
}

function main(argv: readonly string[]): number {
  const expected = generateTriggersFile(readSchemaDocuments());
  const current = existsSync(TRIGGERS_FILE) ? readFileSync(TRIGGERS_FILE, "utf8") : "";
  if (argv.includes("--check")) {
    if (current === expected) return 0;
    process.stderr.write(
      "sdk/assemblyscript/assembly/triggers.ts is out of date; run `bun sdk/assemblyscript/scripts/generate.ts`\n",
    );
    return 1;
  }
  if (current !== expected) writeFileSync(TRIGGERS_FILE, expected);
  return 0;
}

if (import.meta.main) process.exit(main(process.argv.slice(2)));
