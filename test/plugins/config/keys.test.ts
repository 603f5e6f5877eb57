import { describe, expect, test } from "bun:test";
import { decodeBase64Value, isValidEnvKey, mergeEnv, parsePairs } from "../../../src/plugins/config/keys";
import { dokkuErrorOf } from "../../harness";

describe("isValidEnvKey", () => {
  test("accepts letters, digits and underscores, not starting with a digit", () => {
    expect(["A", "_", "a_1", "__proto__", "PATH"].map(isValidEnvKey)).toEqual([true, true, true, true, true]);
    expect(["", "1A", "A-B", "A.B", "A B", "É", "A="].map(isValidEnvKey)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("parsePairs", () => {
  test("splits at the first = and keeps empty values", () => {
    expect([...parsePairs(["A=1", "B=", "C=x=y", "D= spaced "], false)]).toEqual([
      ["A", "1"],
      ["B", ""],
      ["C", "x=y"],
      ["D", " spaced "],
    ]);
  });

  test("the last of a repeated key wins", () => {
    expect([...parsePairs(["A=1", "A=2"], false)]).toEqual([["A", "2"]]);
  });

  test("decodes --encoded values as base64", () => {
    expect([...parsePairs(["A=aGVsbG8gd29ybGQ=", "B="], true)]).toEqual([
      ["A", "hello world"],
      ["B", ""],
    ]);
  });

  test("refuses in Dokku's words: no pair, no =, bad key", () => {
    expect(dokkuErrorOf(() => parsePairs([], false))).toBe("At least one env pair must be given");
    expect(dokkuErrorOf(() => parsePairs(["A=1", "NOEQ"], false))).toBe("Invalid env pair: NOEQ");
    expect(dokkuErrorOf(() => parsePairs(["A=1", "B-C=2"], false))).toBe("Invalid key name: 'B-C'");
    expect(dokkuErrorOf(() => parsePairs(["=1"], false))).toBe("Invalid key name: ''");
  });
});

describe("decodeBase64Value", () => {
  test("refuses what Go's StdEncoding refuses, naming the byte and key", () => {
    expect(dokkuErrorOf(() => decodeBase64Value("K", "abc"))).toBe("illegal base64 data at input byte 0 for key 'K'");
    expect(dokkuErrorOf(() => decodeBase64Value("K", "ab!c"))).toBe("illegal base64 data at input byte 2 for key 'K'");
    expect(dokkuErrorOf(() => decodeBase64Value("K", "a==="))).toBe("illegal base64 data at input byte 3 for key 'K'");
  });

  test("ignores line breaks in the encoded text and keeps decoded bytes exactly", () => {
    expect(
      decodeBase64Value(
        "K",
        Buffer.from("a\nb'c\r\n")
          .toString("base64")
          .replace(/(.{4})/, "$1\n"),
      ),
    ).toBe("a\nb'c\r\n");
  });

  test("refuses bytes that are not UTF-8 text", () => {
    expect(dokkuErrorOf(() => decodeBase64Value("K", "/w=="))).toBe(
      "decoded value for key 'K' is not valid UTF-8 text",
    );
  });
});

describe("mergeEnv", () => {
  test("puts the app's values over the global ones", () => {
    const merged = mergeEnv(
      new Map([
        ["A", "g"],
        ["G", "1"],
      ]),
      new Map([["A", "app"]]),
    );
    expect([...merged]).toEqual([
      ["A", "app"],
      ["G", "1"],
    ]);
  });
});
