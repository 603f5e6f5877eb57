import { describe, expect, test } from "bun:test";
import { parseEnvFile, serializeEnvFile, singleQuote } from "../../../src/plugins/config/env-file";
import { entries, randomEnvs, TRICKY_VALUES } from "./tricky";

describe("serializeEnvFile", () => {
  test("writes one sorted export line per key with single quotes", () => {
    const env = new Map([
      ["B", "it's"],
      ["A", "two\nlines"],
      ["C", ""],
    ]);
    expect(serializeEnvFile(env)).toBe("export A='two\nlines'\nexport B='it'\\''s'\nexport C=''\n");
  });

  test("writes nothing for an empty environment", () => {
    expect(serializeEnvFile(new Map())).toBe("");
  });
});

describe("singleQuote", () => {
  test("quotes as a POSIX shell reads it", () => {
    expect(singleQuote("a'b")).toBe("'a'\\''b'");
    expect(singleQuote("")).toBe("''");
  });
});

describe("parseEnvFile", () => {
  test("reads back every tricky value exactly", () => {
    const env = new Map(TRICKY_VALUES.map((value, i) => [`K${i}`, value]));
    expect(entries(parseEnvFile(serializeEnvFile(env)) ?? new Map())).toEqual(entries(env));
  });

  test("round-trips random environments of tricky characters", () => {
    for (const env of randomEnvs(500, 7)) {
      expect(entries(parseEnvFile(serializeEnvFile(env)) ?? new Map())).toEqual(entries(env));
    }
  });

  test("reads keys of any length and a file without a final newline", () => {
    const key = `K${"x".repeat(400)}`;
    expect(parseEnvFile(`export ${key}='v'`)).toEqual(new Map([[key, "v"]]));
  });

  test("returns undefined when the text is not in its form", () => {
    for (const text of [
      "A='x'\n",
      "export A=x\n",
      "export A='x\n",
      "export 1A='x'\n",
      "export A='x' junk\n",
      "export A-B='x'\n",
    ]) {
      expect(parseEnvFile(text)).toBeUndefined();
    }
  });

  test("keeps a key such as __proto__ as an ordinary key", () => {
    const env = parseEnvFile("export __proto__='x'\n");
    expect(env?.get("__proto__")).toBe("x");
  });
});
