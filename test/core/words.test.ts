import { describe, expect, test } from "bun:test";
import { type Interpreted, lexWords, splitWords } from "../../src/core/words";
import { dokkuErrorOf } from "../harness";

describe("splitWords", () => {
  test("honours quotes and backslashes", () => {
    expect(splitWords(`a 'b c' "d \\"e\\"" f\\ g ''`)).toEqual(["a", "b c", 'd "e"', "f g", ""]);
  });

  test("handles double quotes, escapes and runs of spaces", () => {
    expect(splitWords(`  a  "b \\" c"  d\\ e ''`)).toEqual(["a", 'b " c', "d e", ""]);
  });

  test('keeps a backslash inside double quotes before anything but " \\ $ and a backtick', () => {
    expect(splitWords(`"C:\\path\\d+" "\\$HOME" "\\\`x\\\`"`)).toEqual(["C:\\path\\d+", "$HOME", "`x`"]);
  });

  test("refuses an unterminated quote, showing the line only when asked", () => {
    expect(dokkuErrorOf(() => splitWords("echo 'oops", "echo 'oops"))).toBe(
      "Unterminated single quote in command: echo 'oops",
    );
    expect(dokkuErrorOf(() => splitWords('echo "oops'))).toBe("Unterminated double quote in command");
  });
});

describe("lexWords", () => {
  const seen = (line: string) => {
    const chars: Array<[string, Interpreted]> = [];
    const words = lexWords(line, {
      interpreted: (char, at) => chars.push([char, at]),
      unterminated: () => {
        throw new Error("unterminated");
      },
    });
    return { words, chars };
  };

  test("hands over the characters sh would interpret, with their quote context and the next character", () => {
    expect(seen(`a $(b) 'c$(' "d\\$x\\q" \\$e\\`)).toEqual({
      words: ["a", "$(b)", "c$(", "d$x\\q", "$e\\"],
      chars: [
        ["a", { quote: undefined, inWord: false, next: " " }],
        [" ", { quote: undefined, inWord: true, next: "$" }],
        ["$", { quote: undefined, inWord: false, next: "(" }],
        ["(", { quote: undefined, inWord: true, next: "b" }],
        ["b", { quote: undefined, inWord: true, next: ")" }],
        [")", { quote: undefined, inWord: true, next: " " }],
        [" ", { quote: undefined, inWord: true, next: "'" }],
        [" ", { quote: undefined, inWord: true, next: '"' }],
        ["d", { quote: '"', inWord: true, next: "\\" }],
        ["x", { quote: '"', inWord: true, next: "\\" }],
        ["\\", { quote: '"', inWord: true, next: "q" }],
        ["q", { quote: '"', inWord: true, next: '"' }],
        [" ", { quote: undefined, inWord: true, next: "\\" }],
        ["e", { quote: undefined, inWord: true, next: "\\" }],
        ["\\", { quote: undefined, inWord: true, next: "" }],
      ],
    });
  });

  test("a refusal thrown by the hook stops the split", () => {
    const rules = {
      interpreted: (char: string, at: Interpreted) => {
        if (char === "\n" && !at.quote) throw new Error("line break");
      },
      unterminated: (): never => {
        throw new Error("unterminated");
      },
    };
    expect(lexWords('a "b\nc"', rules)).toEqual(["a", "b\nc"]);
    expect(() => lexWords("a\nb", rules)).toThrow("line break");
  });
});
