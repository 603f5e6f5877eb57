/**
 * The `abort` handler plugins are built with (`--use abort=~lib/@dokku/as-kit/assembly/abort/abort`),
 * so modules have no `env.abort` import. An abort (a failed `assert`, `abort("...")`, a kit
 * getter on a value of the wrong type) prints its message as a warning through `dokku_output`,
 * sets it as the call's error, and traps: the host reports the call as failed.
 *
 * asc compiles `abort` where a module first calls it, often inside a method of a kit or standard
 * library class (JsonWriter, JsonValue, Array ...), and asc 0.28 crashes ("Whoops ... during
 * compile", no stack) or reports a bogus TS2564 when `abort` then needs a class method that is
 * still being compiled. So this file uses no class at all, not even String's methods or Array:
 * it reads the strings' UTF-16 units and writes UTF-8 (and the JSON of the output line) byte by
 * byte into Extism memory, with free functions and the Extism kernel only.
 */
import { alloc, error_set, store_u8 } from "@extism/as-pdk/lib/env";
import { dokku_output } from "./host-imports";

/** Where `put` writes: 0 while measuring. */
let base: u64 = 0;
/** Bytes put since `begin`. */
let count: u64 = 0;

function begin(at: u64): void {
  base = at;
  count = 0;
}

function put(byte: u32): void {
  if (base != 0) store_u8(base + count, <u8>byte);
  count++;
}

/** A static ASCII string (our own constants), as is. */
function putAscii(text: string): void {
  const units = changetype<usize>(text);
  const n = <usize>text.length;
  for (let i: usize = 0; i < n; i++) put(<u32>load<u16>(units + (i << 1)));
}

function putHexDigit(value: u32): void {
  put(value < 10 ? 0x30 + value : 0x61 + value - 10);
}

/** One code point as UTF-8; in a JSON string `"`, `\` and control characters are escaped. */
function putCodePoint(cp: u32, json: bool): void {
  if (json && (cp == 0x22 || cp == 0x5c)) {
    put(0x5c);
    put(cp);
  } else if (json && cp < 0x20) {
    putAscii("\\u00");
    putHexDigit(cp >> 4);
    putHexDigit(cp & 15);
  } else if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xc0 | (cp >> 6));
    put(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    put(0xe0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 63));
    put(0x80 | (cp & 63));
  } else {
    put(0xf0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 63));
    put(0x80 | ((cp >> 6) & 63));
    put(0x80 | (cp & 63));
  }
}

/** A string as UTF-8, a lone surrogate as U+FFFD. */
function putText(text: string, json: bool): void {
  const units = changetype<usize>(text);
  const n = <usize>text.length;
  for (let i: usize = 0; i < n; i++) {
    let cp = <u32>load<u16>(units + (i << 1));
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const next = <u32>load<u16>(units + ((i + 1) << 1));
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    putCodePoint(cp, json);
  }
}

function putDecimal(value: u32): void {
  let divisor: u32 = 1;
  while (value / divisor >= 10) divisor *= 10;
  for (; divisor > 0; divisor /= 10) put(0x30 + (value / divisor) % 10);
}

/** `message (file:line:column)`, or `message` when asc gave no file. */
function putMessage(message: string | null, fileName: string | null, line: u32, column: u32, json: bool): void {
  if (message === null) putAscii("abort");
  else putText(message, json);
  if (fileName === null) return;
  putAscii(" (");
  putText(fileName, json);
  put(0x3a);
  putDecimal(line);
  put(0x3a);
  putDecimal(column);
  put(0x29);
}

function putOutputLine(message: string | null, fileName: string | null, line: u32, column: u32): void {
  putAscii('{"level":"warn","text":"');
  putMessage(message, fileName, line, column, true);
  putAscii('"}');
}

export function abort(message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0): void {
  begin(0);
  putOutputLine(message, fileName, line, column);
  const outputLine = alloc(count);
  begin(outputLine);
  putOutputLine(message, fileName, line, column);
  dokku_output(outputLine);

  begin(0);
  putMessage(message, fileName, line, column, false);
  const errorText = alloc(count);
  begin(errorText);
  putMessage(message, fileName, line, column, false);
  error_set(errorText);
  unreachable();
}
