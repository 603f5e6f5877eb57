import { describe, expect, test } from "bun:test";
import { assertImportFormat, parseImport, parseJsonEnv } from "../../../src/plugins/config/import-source";
import { dokkuErrorOf } from "../../harness";

describe("parseJsonEnv", () => {
  test("reads an object of strings exactly", () => {
    expect([...parseJsonEnv('{"A":"x\\ny","B":"","__proto__":"p"}')]).toEqual([
      ["A", "x\ny"],
      ["B", ""],
      ["__proto__", "p"],
    ]);
  });

  test("reads null as nothing to import", () => {
    expect(parseJsonEnv("null").size).toBe(0);
  });

  test("refuses what Go refuses, without quoting values", () => {
    expect(dokkuErrorOf(() => parseJsonEnv('["secret"]'))).toBe(
      "json: cannot unmarshal array into Go value of type map[string]string",
    );
    expect(dokkuErrorOf(() => parseJsonEnv('{"A":1}'))).toBe(
      "json: cannot unmarshal number into Go value of type string (key A)",
    );
    expect(dokkuErrorOf(() => parseJsonEnv('{"A":"secret"'))).toBe(
      "invalid JSON: expected an object whose values are strings",
    );
  });
});

describe("parseImport", () => {
  test("reads envfile and json", () => {
    expect([...parseImport("A=1\n", "envfile")]).toEqual([["A", "1"]]);
    expect([...parseImport('{"A":"1"}', "json")]).toEqual([["A", "1"]]);
  });

  test("refuses an unknown format in Dokku's words", () => {
    expect(dokkuErrorOf(() => assertImportFormat("yaml"))).toBe("Unknown format: yaml");
  });
});
