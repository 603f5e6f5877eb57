import { describe, expect, test } from "bun:test";
import { terminalJson, terminalText } from "../../src/core/terminal-text";

/** Every C0 and C1 control, DEL, and the bidi controls this helper drops. */
const DROPPED_CHARACTERS = [
  ...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x0a && code !== 0x09),
  0x7f,
  ...Array.from({ length: 0x20 }, (_, code) => 0x80 + code),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((code) => String.fromCodePoint(code));

describe("terminalText", () => {
  test("keeps printable text, newlines and tabs as they are", () => {
    const text = "-----> deployed web.1\n\tport 5000 · ünïcödé 🚀 日本語 ‎mark‏ \u061c";
    expect(terminalText(text)).toBe(text);
  });

  test.each([
    ["OSC 52 clipboard write, BEL-terminated", "a\x1b]52;c;ZWNobyBwd25lZA==\x07b", "ab"],
    ["OSC 52 clipboard write, ST-terminated", "a\x1b]52;c;ZWNobyBwd25lZA==\x1b\\b", "ab"],
    ["window title", "before\x1b]0;title\x07after", "beforeafter"],
    ["OSC 8 hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"],
    ["clear screen", "\x1b[2Jclean", "clean"],
    ["cursor home and erase line", "\x1b[H\x1b[2Kx", "x"],
    ["colours", "\x1b[1;31mred\x1b[0m", "red"],
    ["private mode (hide cursor, alternate screen)", "\x1b[?25l\x1b[?1049hx", "x"],
    ["C1 CSI", "a\x9b2Jb", "ab"],
    ["C1 OSC up to C1 ST", "a\x9d0;title\x9cb", "ab"],
    ["DCS string", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"],
    ["APC and PM strings", "a\x1b_payload\x1b\\b\x1b^privacy\x07c", "abc"],
    ["reset and save-cursor escapes", "a\x1bcb\x1b7c\x1b8d", "abcd"],
    ["charset designation", "a\x1b(0b", "ab"],
    ["carriage return overwriting a line", "rm -rf / done\rall good   ", "rm -rf / doneall good   "],
    ["backspaces", "secret\b\b\b\b\b\bpublic", "secretpublic"],
    ["BEL and NUL", "ding\x07\x00!", "ding!"],
    ["a lone ESC at the end", "text\x1b", "text"],
    ["a cut-off CSI", "text\x1b[3", "text"],
    ["a cut-off OSC ends at the line's end", "a\x1b]52;c;ZZZZ\nnext line", "a\nnext line"],
    ["an OSC cut off by another escape", "a\x1b]0;x\x1b[2Jb", "ab"],
    ["right-to-left override (Trojan Source)", "access = \u202euser\u202c; admin", "access = user; admin"],
    ["bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"],
  ])("strips %s", (_what, input, output) => {
    expect(terminalText(input)).toBe(output);
  });

  test("leaves no C0 (but \\n and \\t), DEL, C1 or bidi control behind, whatever surrounds it", () => {
    for (const character of DROPPED_CHARACTERS) {
      for (const text of [character, `a${character}b`, `${character}[2J`, `${character}]0;t\x07x`]) {
        const cleaned = terminalText(text);
        expect([...cleaned].filter((c) => DROPPED_CHARACTERS.includes(c))).toEqual([]);
      }
    }
  });

  test("nothing it returns needs cleaning again", () => {
    const nasty = "\x1b]52;c;\x1b[2J\x9b\x1b\x1b]]\x07\x9d\x9c\r\u202e\x1b[\x1b\\";
    const once = terminalText(nasty);
    expect(terminalText(once)).toBe(once);
    expect(once).toBe("");
  });
});

describe("terminalJson", () => {
  test("escapes what JSON leaves raw but a terminal acts on, and reads back as the same data", () => {
    const value = { text: "a\x1b[2Jb\x9b2Jc\u202ed\x7fe\rf", list: ["\x9d0;t\x9c"] };
    const json = terminalJson(value);
    expect(json).toBe('{"text":"a\\u001b[2Jb\\u009b2Jc\\u202ed\\u007fe\\rf","list":["\\u009d0;t\\u009c"]}');
    expect(json).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
