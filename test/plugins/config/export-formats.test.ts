import { describe, expect, test } from "bun:test";
import {
  assertExportFormat,
  EXPORT_FORMATS,
  exportEnv,
  prettyEnv,
  renderExport,
} from "../../../src/plugins/config/export-formats";
import { columnize, goJsonString, goTrimSpace } from "../../../src/plugins/config/go-format";
import { entries, randomEnvs } from "./tricky";

// Dokku's own expectations (plugins/config/environment_test.go TestExport), same values.
const ENV = new Map([
  ["BAR", "BAZ"],
  ["FOO", "b'ar "],
  ["BAZ", "a\nb"],
]);

describe("exportEnv", () => {
  test("writes every format as Dokku does", () => {
    const all = Object.fromEntries(EXPORT_FORMATS.map((format) => [format, exportEnv(ENV, format)]));
    expect(all).toEqual({
      "docker-args": "--env=BAR='BAZ' --env=BAZ='a\nb' --env=FOO='b'\\''ar '",
      "docker-args-keys": "--env=BAR --env=BAZ --env=FOO",
      envfile: 'BAR="BAZ"\nBAZ="a\\nb"\nFOO="b\'ar "',
      exports: "export BAR='BAZ'\nexport BAZ='a\nb'\nexport FOO='b'\\''ar '",
      json: '{"BAR":"BAZ","BAZ":"a\\nb","FOO":"b\'ar "}',
      "json-list": '[{"name":"BAR","value":"BAZ"},{"name":"BAZ","value":"a\\nb"},{"name":"FOO","value":"b\'ar "}]',
      "pack-keys": "--env BAR --env BAZ --env FOO",
      pretty: "BAR:  BAZ\nBAZ:  a\nb\nFOO:  b'ar",
      shell: "BAR='BAZ' BAZ='a\nb' FOO='b'\\''ar '",
    });
  });

  test("writes an empty environment as Go does: {} for json, null for json-list", () => {
    const empty = new Map<string, string>();
    expect([exportEnv(empty, "json"), exportEnv(empty, "json-list"), exportEnv(empty, "exports")]).toEqual([
      "{}",
      "null",
      "",
    ]);
  });

  test("json reads back exactly for random tricky values", () => {
    for (const env of randomEnvs(300, 5)) {
      expect(Object.entries(JSON.parse(exportEnv(env, "json")) as Record<string, string>).sort()).toEqual(entries(env));
    }
  });
});

describe("renderExport", () => {
  test("ends with a newline, or a space for shell", () => {
    expect(renderExport(new Map([["A", "1"]]), "exports")).toBe("export A='1'\n");
    expect(renderExport(new Map([["A", "1"]]), "shell")).toBe("A='1' ");
  });
});

describe("assertExportFormat", () => {
  test("refuses an unknown format in Dokku's words", () => {
    expect(() => assertExportFormat("yaml")).toThrow("Unknown export format: yaml");
    expect(assertExportFormat("json")).toBe("json");
  });
});

describe("prettyEnv", () => {
  test("aligns values two spaces after the longest key, with a prefix on each entry", () => {
    const env = new Map([
      ["LONG_KEY", "1"],
      ["A", "  trimmed  "],
      ["E", ""],
    ]);
    expect(prettyEnv(env, "       ")).toBe("       A:         trimmed\n       E:         \n       LONG_KEY:  1");
  });

  test("pads by code points, as Go's fmt does", () => {
    expect(
      columnize([
        ["é:", "x"],
        ["ab:", "y"],
      ]),
    ).toBe("é:   x\nab:  y");
  });
});

describe("goJsonString", () => {
  test("escapes <, >, &, U+2028 and U+2029 as encoding/json does", () => {
    expect(goJsonString('<a&b>\u2028\u2029\n\t\u0001"\\')).toBe(
      '"\\u003ca\\u0026b\\u003e\\u2028\\u2029\\n\\t\\u0001\\"\\\\"',
    );
  });
});

describe("goTrimSpace", () => {
  test("trims Go's unicode spaces, keeping inner ones", () => {
    expect(goTrimSpace("\u0085\u00a0 a b \t\n\u3000")).toBe("a b");
  });
});
