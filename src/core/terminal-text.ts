/**
 * Text from an untrusted source (a WASM plugin's output, error, veto reason, report value or
 * manifest text) made safe to write to a terminal: it can no longer clear the screen, set the
 * window title, write the clipboard (OSC 52), move the cursor, overwrite a line with `\r` or
 * reorder what the reader sees.
 *
 * Removed:
 * - escape sequences as a terminal parses them, whole: CSI (`ESC [` or C1 `\x9b`, parameters,
 *   intermediates, final byte), OSC, DCS, SOS, PM and APC strings (`ESC ]`/`\x9d`, `ESC P`/`\x90`,
 *   `ESC X`/`\x98`, `ESC ^`/`\x9e`, `ESC _`/`\x9f`, up to BEL or ST), and two-character escapes
 *   (`ESC c`, `ESC 7` ...);
 * - every other C0 control but `\n` and `\t` (so `\r`, `\b`, BEL, ESC alone), DEL, and the C1
 *   controls U+0080..U+009F;
 * - the bidirectional embedding, override and isolate controls U+202A..U+202E and U+2066..U+2069,
 *   which make a line display in another order than it reads (the "Trojan Source" trick). The
 *   marks U+200E, U+200F and U+061C are kept: they only settle the direction of neutral
 *   characters beside them and cannot reorder a line.
 * Everything else (any printable Unicode) is kept as it is. Pure.
 */

/**
 * A string-type sequence (OSC, DCS, SOS, PM, APC) up to its terminator (BEL, or ST: `ESC \` or
 * `\x9c`); one cut off ends at the next ESC or line end, the rest of the line being plain text
 * once its opener is gone.
 */
const STRING_SEQUENCE = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?/g;
/** CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, a final byte 0x40-0x7e (a cut-off one ends at the text's end). */
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
/** Any other escape: ESC, intermediates, one final character. */
const OTHER_ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
/** What is left to drop one character at a time. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
/** A quick test: only text holding one of these needs the replacements above. */
const NEEDS_CLEANING = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export function terminalText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(STRING_SEQUENCE, "").replace(CSI, "").replace(OTHER_ESCAPE, "").replace(CONTROLS, "");
}

/** Characters JSON.stringify leaves as they are but a terminal acts on: DEL, C1 controls, bidi controls. */
const JSON_UNSAFE = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `value` as JSON text safe to print: JSON.stringify escapes C0 controls (ESC included) but not
 * DEL, C1 controls or bidi controls; they are escaped here too (`\u009b`), so the text keeps
 * every character of the data and a terminal acts on none. Pure.
 */
export function terminalJson(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(
    JSON_UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A C0 control character (newline and tab included) or DEL. */
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** Whether `text` holds a C0 control (newline and tab included) or DEL: input that one line of a file or a command must not carry. Pure. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
