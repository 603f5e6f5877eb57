import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { defineTrigger, NotifyResult, Scope, VetoResult } from "../../sdk/triggers/define";
import { DockerArg } from "../../sdk/triggers/plugin";
import { generateReference, REFERENCE_PATH, referenceOutOfDate } from "../../sdk/scripts/generate-schemas";
import {
  exampleOf,
  fieldRows,
  renderTriggerReference,
  triggerExamples,
  typeLabel,
} from "../../sdk/scripts/trigger-reference";
import { tempDir } from "../harness";

type Schema = Record<string, unknown>;
const schema = (value: unknown) => value as Schema;

describe("trigger-reference", () => {
  test("the checked-in sdk/TRIGGERS.md matches the trigger declarations (run `bun run schemas`)", () => {
    expect(referenceOutOfDate(REFERENCE_PATH, generateReference())).toBe(false);
  });

  test("referenceOutOfDate tells a missing or changed page", () => {
    using dir = tempDir();
    const path = join(dir.path, "TRIGGERS.md");
    const missing = referenceOutOfDate(path, "x\n");
    writeFileSync(path, "x\n");
    const same = referenceOutOfDate(path, "x\n");
    writeFileSync(path, "y\n");
    expect({ missing, same, changed: referenceOutOfDate(path, "x\n") }).toEqual({
      missing: true,
      same: false,
      changed: true,
    });
  });

  test.each(Object.keys(ALL_TRIGGERS))("the example payload and result of %s match its schemas", (name) => {
    const declaration = ALL_TRIGGERS[name as keyof typeof ALL_TRIGGERS];
    const { payload, result } = triggerExamples(declaration);
    expect({
      payload: Value.Check(declaration.payload, payload),
      result: Value.Check(declaration.result, result),
    }).toEqual({ payload: true, result: true });
  });

  test("examples pick a hint that fits the field's pattern, one item per union variant of an array", () => {
    expect(exampleOf(schema(Type.Array(DockerArg)))).toEqual([
      { type: "label", name: "com.example.team", value: "ops" },
      { type: "env", name: "EXAMPLE_VAR", value: "ops" },
    ]);
    expect(exampleOf(schema(VetoResult))).toEqual({ allow: true });
    expect(
      exampleOf(
        schema(Type.Object({ scope: Scope, n: Type.Integer({ minimum: 7 }), s: Type.String({ default: "d" }) })),
      ),
    ).toEqual({
      scope: { kind: "app", app: "node-js-app" },
      n: 7,
      s: "d",
    });
  });

  test("type labels name literals, ranges, patterns and unions", () => {
    expect([
      typeLabel(schema(Type.Union([Type.Literal("set"), Type.Literal("unset")]))),
      typeLabel(schema(Type.Integer({ minimum: 1, maximum: 65535 }))),
      typeLabel(schema(Type.Integer({ minimum: 1 }))),
      typeLabel(schema(Type.Union([Type.String(), Type.Null()]))),
      typeLabel(schema(Type.Array(Type.String({ pattern: "^a|b$", maxLength: 3 })))),
    ]).toEqual([
      '"set" | "unset"',
      "integer 1..65535",
      "integer ≥ 1",
      "string | null",
      "array of string matching `^a|b$`, at most 3 characters",
    ]);
  });

  test("field rows flatten nested objects, array items and union variants", () => {
    const payload = Type.Object({
      scope: Scope,
      list: Type.Array(Type.Object({ id: Type.Integer() }), { description: "items" }),
      note: Type.Optional(Type.String()),
    });
    expect(fieldRows(schema(payload))).toEqual([
      { path: "scope", type: "object", required: true, description: "" },
      { path: 'scope[kind="app"]', type: "object", required: true, description: "" },
      { path: 'scope[kind="app"].kind', type: '"app"', required: true, description: "" },
      { path: 'scope[kind="app"].app', type: "string", required: true, description: "" },
      { path: 'scope[kind="global"]', type: "object", required: true, description: "" },
      { path: 'scope[kind="global"].kind', type: '"global"', required: true, description: "" },
      { path: "list", type: "array of object", required: true, description: "items" },
      { path: "list[]", type: "object", required: true, description: "" },
      { path: "list[].id", type: "integer", required: true, description: "" },
      { path: "note", type: "string", required: false, description: "" },
    ]);
  });

  test("issue 12: lists every secret payload field with its grant and what a plugin without it gets, and notes it in the field's row", () => {
    const sample = defineTrigger({
      name: "post-secret",
      kind: "notify",
      version: 1,
      description: "Carries secrets.",
      payload: Type.Object({
        app: Type.String(),
        args: Type.Array(Type.String(), { secret: "config", description: "the words" }),
        token: Type.Optional(Type.String({ secret: "config" })),
      }),
      result: NotifyResult,
    });
    const page = renderTriggerReference({ "post-secret": sample }).split("\n");
    expect(page.slice(21, 25)).toEqual([
      "| trigger | field | grant that unlocks it | what a plugin without the grant gets |",
      "| ------- | ----- | --------------------- | ------------------------------------ |",
      "| [`post-secret`](#post-secret) | `args` | `config` | `[]` |",
      "| [`post-secret`](#post-secret) | `token` | `config` | the field left out |",
    ]);
    expect(page.filter((line) => line.startsWith("| `"))).toEqual([
      "| `app` | string | yes |  |",
      "| `args` | array of string | yes | the words. Secret: a WASM plugin without the `config` grant gets `[]`. |",
      "| `token` | string | no | Secret: a WASM plugin without the `config` grant gets the field left out. |",
    ]);
  });

  test("renders a trigger's section: kind, version, export, schema link, payload table, result and examples", () => {
    const sample = defineTrigger({
      name: "post-sample",
      kind: "notify",
      version: 2,
      description: "A sample | fired.",
      payload: Type.Object({ app: Type.String({ description: "the app" }), releaseId: Type.Integer({ minimum: 1 }) }),
      result: NotifyResult,
      positional: ["app", "releaseId"],
    });
    expect(renderTriggerReference({ "post-sample": sample }).split("\n").slice(13)).toEqual([
      "| trigger | kind | version | when it fires |",
      "| ------- | ---- | ------- | ------------- |",
      "| [`post-sample`](#post-sample) | notify | 2 | A sample \\| fired. |",
      "",
      "A payload field marked secret reaches a WASM plugin only when the plugin was granted what unlocks it",
      "(`plugin:install --allow-config`); any other plugin gets it withheld, as a value its schema still accepts.",
      "Core handlers get every field; traces and the events log redact secret fields whatever the grants.",
      "",
      "No payload field is secret.",
      "",
      "## `post-sample`",
      "",
      "A sample | fired.",
      "",
      "- kind: `notify` (every handler runs; a failure is reported and the others still run)",
      "- version: 2",
      "- WASM export: `on_post_sample`",
      "- JSON Schema: [`schemas/post-sample.json`](schemas/post-sample.json)",
      "- positional form (Dokku's): `dokku plugin:trigger post-sample <app> <release-id>`",
      "",
      "### Payload",
      "",
      "| field | type | required | description |",
      "| ----- | ---- | -------- | ----------- |",
      "| `app` | string | yes | the app |",
      "| `releaseId` | integer ≥ 1 | yes |  |",
      "",
      "### Result (one handler's)",
      "",
      "`null` (a notify handler returns nothing: empty output or `null`).",
      "",
      "### Example",
      "",
      "Payload:",
      "",
      "```json",
      "{",
      '  "app": "node-js-app",',
      '  "releaseId": 3',
      "}",
      "```",
      "",
      "Result:",
      "",
      "```json",
      "null",
      "```",
      "",
    ]);
  });
});
