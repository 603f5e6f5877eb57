import { describe, expect, test } from "bun:test";
import { splitWords } from "../../src/core/words";
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
