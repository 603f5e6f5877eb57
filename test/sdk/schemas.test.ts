import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { defineTrigger, NotifyResult } from "../../sdk/triggers/define";
import {
  canonical,
  generateSchemaFiles,
  JSON_SCHEMA_DIALECT,
  outOfDateFiles,
  SCHEMAS_DIR,
  triggerSchema,
} from "../../sdk/scripts/generate-schemas";
import { REPO_ROOT, tempDir } from "../harness";

const SAMPLE = defineTrigger({
  name: "post-sample",
  kind: "notify",
  version: 3,
  description: "A sample.",
  payload: Type.Object({ zeta: Type.String(), alpha: Type.Boolean() }),
  result: NotifyResult,
});

describe("generate-schemas", () => {
  test("the checked-in sdk/schemas match the trigger declarations (run `bun run schemas`)", () => {
    expect(outOfDateFiles(SCHEMAS_DIR, generateSchemaFiles())).toEqual([]);
  });

  test("--check exits 0 while the schemas are up to date", async () => {
    const child = Bun.spawn([process.execPath, join(REPO_ROOT, "sdk/scripts/generate-schemas.ts"), "--check"], {
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    expect({ stdout, stderr, exitCode }).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  test("writes one schema per declared trigger plus the index", () => {
    const files = generateSchemaFiles();
    expect([...files.keys()].sort()).toEqual(
      [...Object.keys(ALL_TRIGGERS).map((name) => `${name}.json`), "index.json"].sort(),
    );
    const index = JSON.parse(files.get("index.json") as string);
    expect(index.triggers.map((entry: { name: string }) => entry.name)).toEqual(Object.keys(ALL_TRIGGERS).sort());
    for (const content of files.values()) expect(content).toEndWith("}\n");
  });

  test("a schema document has its keys in a fixed order and nested keys sorted", () => {
    const document = triggerSchema(SAMPLE);
    expect(Object.keys(document)).toEqual(["$schema", "title", "kind", "version", "description", "payload", "result"]);
    expect(document).toEqual({
      $schema: JSON_SCHEMA_DIALECT,
      title: "post-sample",
      kind: "notify",
      version: 3,
      description: "A sample.",
      payload: {
        properties: { alpha: { type: "boolean" }, zeta: { type: "string" } },
        required: ["zeta", "alpha"],
        type: "object",
      },
      result: { type: "null" },
    });
    expect(JSON.stringify(document.payload)).toBe(
      '{"properties":{"alpha":{"type":"boolean"},"zeta":{"type":"string"}},"required":["zeta","alpha"],"type":"object"}',
    );
  });

  test("canonical sorts keys at every depth, keeps array order and drops undefined", () => {
    expect(JSON.stringify(canonical({ b: [{ d: 1, c: 2 }, 3], a: undefined, c: null }))).toBe(
      '{"b":[{"c":2,"d":1},3],"c":null}',
    );
  });

  test("outOfDateFiles names missing, changed and no longer generated files", () => {
    using dir = tempDir();
    const expected = generateSchemaFiles({ "post-sample": SAMPLE });
    expect(outOfDateFiles(join(dir.path, "missing"), expected)).toEqual(["index.json", "post-sample.json"]);
    mkdirSync(join(dir.path, "schemas"));
    const schemas = join(dir.path, "schemas");
    for (const [name, content] of expected) writeFileSync(join(schemas, name), content);
    expect(outOfDateFiles(schemas, expected)).toEqual([]);
    writeFileSync(join(schemas, "post-sample.json"), (expected.get("post-sample.json") as string).trimEnd());
    writeFileSync(join(schemas, "post-removed.json"), "{}\n");
    writeFileSync(join(schemas, "notes.txt"), "not a schema");
    expect(outOfDateFiles(schemas, expected)).toEqual(["post-removed.json", "post-sample.json"]);
  });
});
