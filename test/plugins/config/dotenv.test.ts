import { describe, expect, test } from "bun:test";
import { doubleQuoteEscape, marshalDotenv, parseDotenv } from "../../../src/plugins/config/dotenv";
import { exportEnv } from "../../../src/plugins/config/export-formats";
import { entries, randomEnvs } from "./tricky";
import { dokkuErrorOf } from "../../harness";

describe("parseDotenv", () => {
  test("reads godotenv's forms: export, colon, quotes, comments, blank lines", () => {
    const text = [
      "# a comment",
      "",
      "export A=plain value  # trailing comment",
      "B: yaml-ish",
      "C='single $X \\n'",
      'D="double\\nline \\"q\\" \\\\ \\$HOME"',
      "E=",
      "F=  spaced  ",
      "G=a#b",
    ].join("\n");
    expect(entries(parseDotenv(text))).toEqual([
      ["A", "plain value"],
      ["B", "yaml-ish"],
      ["C", "single $X \\n"],
      ["D", 'double\nline "q" \\ $HOME'],
      ["E", ""],
      ["F", "spaced"],
      ["G", "a#b"],
    ]);
  });

  test("expands $NAME and ${NAME} from earlier keys, empty when unknown", () => {
    const env = parseDotenv('A=one\nB="${A}-$A-$MISSING"\nC=$A');
    expect(entries(env)).toEqual([
      ["A", "one"],
      ["B", "one-one-"],
      ["C", "one"],
    ]);
  });

  test("reads shell-style single-quote runs as the exports format writes them", () => {
    expect(parseDotenv("export A='it'\\''s'\nB='back\\'\n").get("A")).toBe("it's");
    expect(parseDotenv("B='back\\'\n").get("B")).toBe("back\\");
  });

  test("reads a quoted value across lines and CRLF line endings", () => {
    expect(entries(parseDotenv("A='x\r\ny'\r\nB=2\r\n"))).toEqual([
      ["A", "x\r\ny"],
      ["B", "2"],
    ]);
  });

  test("refuses bad input naming the line, never the value", () => {
    expect(dokkuErrorOf(() => parseDotenv("A=1\nB='secret"))).toBe("unterminated quoted value for B on line 2");
    expect(dokkuErrorOf(() => parseDotenv('A="secret'))).toBe("unterminated quoted value for A on line 1");
    expect(dokkuErrorOf(() => parseDotenv("A=1\nB/C=secret"))).toBe(
      'unexpected character "/" in variable name on line 2',
    );
    expect(dokkuErrorOf(() => parseDotenv("A=1\nNOEQUALS"))).toBe("missing '=' after variable name on line 2");
  });

  test("reads back everything the envfile format writes", () => {
    for (const env of randomEnvs(500, 11)) expect(entries(parseDotenv(marshalDotenv(env)))).toEqual(entries(env));
  });

  test("reads back everything the exports format writes", () => {
    for (const env of randomEnvs(500, 13))
      expect(entries(parseDotenv(exportEnv(env, "exports")))).toEqual(entries(env));
  });
});

describe("marshalDotenv", () => {
  test("writes sorted lines, integers bare and the rest double-quoted and escaped", () => {
    const env = new Map([
      ["Z", "007"],
      ["A", 'a "b" $c `d` !e \\f\ng\rh'],
      ["M", "-3"],
      ["N", "+3"],
    ]);
    expect(marshalDotenv(env)).toBe('A="a \\"b\\" \\$c \\`d\\` \\!e \\\\f\\ng\\rh"\nM=-3\nN="+3"\nZ=007');
  });

  test("sorts whole lines as Go does", () => {
    expect(
      marshalDotenv(
        new Map([
          ["A", "x"],
          ["A2", "y"],
        ]),
      ),
    ).toBe('A2="y"\nA="x"');
  });

  test("escapes each special character once", () => {
    expect(doubleQuoteEscape('\\"')).toBe('\\\\\\"');
  });
});
