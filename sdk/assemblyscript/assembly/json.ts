/**
 * A small JSON reader and writer for AssemblyScript plugins.
 * `parseJson(text)` gives a JsonValue tree with typed getters (`getString("app")`), or null with
 * `jsonError()` saying why; `JsonWriter` builds JSON text with correct string escaping.
 */

export enum JsonKind {
  Null,
  Bool,
  Number,
  String,
  Array,
  Object,
}

/** Nesting deeper than this is refused by the parser (plugins' stacks are small). */
export const MAX_JSON_DEPTH: i32 = 64;

export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  num: f64 = 0;
  str: string = "";
  items: JsonValue[] = [];
  keys: string[] = [];
  values: JsonValue[] = [];

  static null(): JsonValue {
    return new JsonValue();
  }
  static fromBool(value: bool): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Bool;
    v.bool = value;
    return v;
  }
  static fromNumber(value: f64): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Number;
    v.num = value;
    return v;
  }
  static fromString(value: string): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.String;
    v.str = value;
    return v;
  }
  static array(): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Array;
    return v;
  }
  static object(): JsonValue {
    const v = new JsonValue();
    v.kind = JsonKind.Object;
    return v;
  }

  isNull(): bool {
    return this.kind == JsonKind.Null;
  }
  isString(): bool {
    return this.kind == JsonKind.String;
  }
  isNumber(): bool {
    return this.kind == JsonKind.Number;
  }
  isBool(): bool {
    return this.kind == JsonKind.Bool;
  }
  isArray(): bool {
    return this.kind == JsonKind.Array;
  }
  isObject(): bool {
    return this.kind == JsonKind.Object;
  }

  /** The string; aborts when the value is not a string. */
  asString(): string {
    if (this.kind != JsonKind.String) abort("JSON value is not a string");
    return this.str;
  }
  asBool(): bool {
    if (this.kind != JsonKind.Bool) abort("JSON value is not a boolean");
    return this.bool;
  }
  asF64(): f64 {
    if (this.kind != JsonKind.Number) abort("JSON value is not a number");
    return this.num;
  }
  asI64(): i64 {
    if (this.kind != JsonKind.Number) abort("JSON value is not a number");
    return <i64>this.num;
  }
  asArray(): JsonValue[] {
    if (this.kind != JsonKind.Array) abort("JSON value is not an array");
    return this.items;
  }
  /** The strings of an array of strings. */
  asStringArray(): string[] {
    const items = this.asArray();
    const out = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = items[i].asString();
    return out;
  }

  /** The member `key` of an object, or null when absent (or when this is not an object). */
  get(key: string): JsonValue | null {
    if (this.kind != JsonKind.Object) return null;
    for (let i = this.keys.length - 1; i >= 0; i--) {
      if (this.keys[i] == key) return this.values[i];
    }
    return null;
  }
  has(key: string): bool {
    return this.get(key) !== null;
  }
  /** The member `key`; aborts naming the key when it is absent. */
  member(key: string): JsonValue {
    const v = this.get(key);
    if (v === null) abort("JSON object has no member " + key);
    return v!;
  }
  /** A string member, or null when absent or JSON null. */
  getString(key: string): string | null {
    const v = this.get(key);
    if (v === null || v.isNull()) return null;
    return v.asString();
  }
  getBool(key: string, fallback: bool = false): bool {
    const v = this.get(key);
    if (v === null || v.isNull()) return fallback;
    return v.asBool();
  }
  getI64(key: string, fallback: i64 = 0): i64 {
    const v = this.get(key);
    if (v === null || v.isNull()) return fallback;
    return v.asI64();
  }

  /** Adds (or replaces) a member of an object. */
  set(key: string, value: JsonValue): JsonValue {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] == key) {
        this.values[i] = value;
        return this;
      }
    }
    this.keys.push(key);
    this.values.push(value);
    return this;
  }
  push(value: JsonValue): JsonValue {
    this.items.push(value);
    return this;
  }

  /** Compact JSON text. */
  stringify(): string {
    const w = new JsonWriter();
    w.value(this);
    return w.toString();
  }
}

let lastError: string = "";

/** Why the last `parseJson` returned null. */
export function jsonError(): string {
  return lastError;
}

/** Parses JSON text; null (see `jsonError()`) when it is not valid JSON. */
export function parseJson(text: string): JsonValue | null {
  const parser = new Parser(text);
  const value = parser.parseValue(0);
  if (!parser.failed) {
    parser.skipSpace();
    if (parser.pos < text.length) parser.fail("unexpected text after the JSON value");
  }
  if (parser.failed) {
    lastError = parser.error;
    return null;
  }
  lastError = "";
  return value;
}

class Parser {
  pos: i32 = 0;
  failed: bool = false;
  error: string = "";
  constructor(public text: string) {}

  fail(message: string): JsonValue {
    if (!this.failed) {
      this.failed = true;
      this.error = message + " at offset " + this.pos.toString();
    }
    return JsonValue.null();
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  parseValue(depth: i32): JsonValue {
    if (depth > MAX_JSON_DEPTH) return this.fail("JSON nested too deeply");
    this.skipSpace();
    if (this.pos >= this.text.length) return this.fail("unexpected end of JSON");
    const c = this.text.charCodeAt(this.pos);
    if (c == 0x7b) return this.parseObject(depth);
    if (c == 0x5b) return this.parseArray(depth);
    if (c == 0x22) {
      const s = this.parseString();
      return this.failed ? JsonValue.null() : JsonValue.fromString(s);
    }
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
    if (this.text.startsWith("true", this.pos)) {
      this.pos += 4;
      return JsonValue.fromBool(true);
    }
    if (this.text.startsWith("false", this.pos)) {
      this.pos += 5;
      return JsonValue.fromBool(false);
    }
    if (this.text.startsWith("null", this.pos)) {
      this.pos += 4;
      return JsonValue.null();
    }
    return this.fail("unexpected character");
  }

  parseObject(depth: i32): JsonValue {
    const obj = JsonValue.object();
    this.pos++;
    this.skipSpace();
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == 0x7d) {
      this.pos++;
      return obj;
    }
    while (true) {
      this.skipSpace();
      if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 0x22) return this.fail("expected a string key");
      const key = this.parseString();
      if (this.failed) return obj;
      this.skipSpace();
      if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 0x3a) return this.fail("expected ':'");
      this.pos++;
      const value = this.parseValue(depth + 1);
      if (this.failed) return obj;
      obj.set(key, value);
      this.skipSpace();
      if (this.pos >= this.text.length) return this.fail("unexpected end of JSON");
      const c = this.text.charCodeAt(this.pos++);
      if (c == 0x7d) return obj;
      if (c != 0x2c) return this.fail("expected ',' or '}'");
    }
  }

  parseArray(depth: i32): JsonValue {
    const arr = JsonValue.array();
    this.pos++;
    this.skipSpace();
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == 0x5d) {
      this.pos++;
      return arr;
    }
    while (true) {
      const value = this.parseValue(depth + 1);
      if (this.failed) return arr;
      arr.items.push(value);
      this.skipSpace();
      if (this.pos >= this.text.length) return this.fail("unexpected end of JSON");
      const c = this.text.charCodeAt(this.pos++);
      if (c == 0x5d) return arr;
      if (c != 0x2c) return this.fail("expected ',' or ']'");
    }
  }

  parseString(): string {
    this.pos++; // opening quote
    const parts = new Array<string>();
    let start = this.pos;
    while (true) {
      if (this.pos >= this.text.length) {
        this.fail("unterminated string");
        return "";
      }
      const c = this.text.charCodeAt(this.pos);
      if (c == 0x22) break;
      if (c < 0x20) {
        this.fail("control character in string");
        return "";
      }
      if (c != 0x5c) {
        this.pos++;
        continue;
      }
      parts.push(this.text.substring(start, this.pos));
      this.pos++;
      if (this.pos >= this.text.length) {
        this.fail("unterminated string");
        return "";
      }
      const e = this.text.charCodeAt(this.pos++);
      if (e == 0x22) parts.push('"');
      else if (e == 0x5c) parts.push("\\");
      else if (e == 0x2f) parts.push("/");
      else if (e == 0x62) parts.push("\b");
      else if (e == 0x66) parts.push("\f");
      else if (e == 0x6e) parts.push("\n");
      else if (e == 0x72) parts.push("\r");
      else if (e == 0x74) parts.push("\t");
      else if (e == 0x75) {
        if (this.pos + 4 > this.text.length) {
          this.fail("bad \\u escape");
          return "";
        }
        let code: i32 = 0;
        for (let i = 0; i < 4; i++) {
          const d = hexDigit(this.text.charCodeAt(this.pos + i));
          if (d < 0) {
            this.fail("bad \\u escape");
            return "";
          }
          code = (code << 4) | d;
        }
        this.pos += 4;
        parts.push(String.fromCharCode(code));
      } else {
        this.fail("bad escape");
        return "";
      }
      start = this.pos;
    }
    parts.push(this.text.substring(start, this.pos));
    this.pos++; // closing quote
    return parts.length == 1 ? parts[0] : parts.join("");
  }

  parseNumber(): JsonValue {
    const start = this.pos;
    if (this.text.charCodeAt(this.pos) == 0x2d) this.pos++;
    const intStart = this.pos;
    while (this.pos < this.text.length && isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    const intLen = this.pos - intStart;
    if (intLen == 0) return this.fail("bad number");
    if (intLen > 1 && this.text.charCodeAt(intStart) == 0x30) return this.fail("bad number (leading zero)");
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == 0x2e) {
      this.pos++;
      const fracStart = this.pos;
      while (this.pos < this.text.length && isDigit(this.text.charCodeAt(this.pos))) this.pos++;
      if (this.pos == fracStart) return this.fail("bad number");
    }
    if (this.pos < this.text.length && (this.text.charCodeAt(this.pos) | 0x20) == 0x65) {
      this.pos++;
      if (this.pos < this.text.length) {
        const s = this.text.charCodeAt(this.pos);
        if (s == 0x2b || s == 0x2d) this.pos++;
      }
      const expStart = this.pos;
      while (this.pos < this.text.length && isDigit(this.text.charCodeAt(this.pos))) this.pos++;
      if (this.pos == expStart) return this.fail("bad number");
    }
    return JsonValue.fromNumber(F64.parseFloat(this.text.substring(start, this.pos)));
  }
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const HEX = "0123456789abcdef";

function unicodeEscape(c: i32): string {
  return "\\u" + HEX.charAt((c >> 12) & 15) + HEX.charAt((c >> 8) & 15) + HEX.charAt((c >> 4) & 15) + HEX.charAt(c & 15);
}

/**
 * `text` as a JSON string literal, quotes included: `"` and `\` escaped, control characters as
 * `\n`-style or `\u00XX` escapes, U+2028/U+2029 and lone surrogates as `\uXXXX` (so the UTF-8
 * the host reads is always valid); other characters pass through.
 */
export function jsonString(text: string): string {
  const parts = new Array<string>();
  parts.push('"');
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let escape: string | null = null;
    if (c == 0x22) escape = '\\"';
    else if (c == 0x5c) escape = "\\\\";
    else if (c == 0x0a) escape = "\\n";
    else if (c == 0x0d) escape = "\\r";
    else if (c == 0x09) escape = "\\t";
    else if (c == 0x08) escape = "\\b";
    else if (c == 0x0c) escape = "\\f";
    else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) escape = unicodeEscape(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair passes through
        continue;
      }
      escape = unicodeEscape(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) escape = unicodeEscape(c);
    if (escape === null) continue;
    if (i > start) parts.push(text.substring(start, i));
    parts.push(escape);
    start = i + 1;
  }
  if (n > start) parts.push(text.substring(start, n));
  parts.push('"');
  return parts.join("");
}

/**
 * Builds JSON text: `w.beginObject().key("app").string(app).endObject()`; commas are placed for
 * you. `toString()` gives the text.
 */
export class JsonWriter {
  private parts: string[] = [];
  /** Per open container: whether it already has an element. */
  private counts: i32[] = [];
  private afterKey: bool = false;

  private before(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    const depth = this.counts.length;
    if (depth == 0) return;
    if (this.counts[depth - 1] > 0) this.parts.push(",");
    this.counts[depth - 1]++;
  }

  beginObject(): JsonWriter {
    this.before();
    this.parts.push("{");
    this.counts.push(0);
    return this;
  }
  endObject(): JsonWriter {
    this.counts.pop();
    this.parts.push("}");
    return this;
  }
  beginArray(): JsonWriter {
    this.before();
    this.parts.push("[");
    this.counts.push(0);
    return this;
  }
  endArray(): JsonWriter {
    this.counts.pop();
    this.parts.push("]");
    return this;
  }
  key(name: string): JsonWriter {
    this.before();
    this.parts.push(jsonString(name));
    this.parts.push(":");
    this.afterKey = true;
    return this;
  }
  string(value: string): JsonWriter {
    this.before();
    this.parts.push(jsonString(value));
    return this;
  }
  /** A string, or null. */
  stringOrNull(value: string | null): JsonWriter {
    if (value === null) return this.null();
    return this.string(value);
  }
  int(value: i64): JsonWriter {
    this.before();
    this.parts.push(value.toString());
    return this;
  }
  number(value: f64): JsonWriter {
    this.before();
    // JSON has no NaN or Infinity.
    if (!isFinite(value)) this.parts.push("null");
    else if (value == Math.floor(value) && Math.abs(value) < 9007199254740992) this.parts.push((<i64>value).toString());
    else this.parts.push(value.toString());
    return this;
  }
  bool(value: bool): JsonWriter {
    this.before();
    this.parts.push(value ? "true" : "false");
    return this;
  }
  null(): JsonWriter {
    this.before();
    this.parts.push("null");
    return this;
  }
  /** Raw JSON text the caller vouches for (e.g. another writer's output). */
  raw(json: string): JsonWriter {
    this.before();
    this.parts.push(json);
    return this;
  }
  value(v: JsonValue): JsonWriter {
    switch (v.kind) {
      case JsonKind.Null:
        return this.null();
      case JsonKind.Bool:
        return this.bool(v.bool);
      case JsonKind.Number:
        return this.number(v.num);
      case JsonKind.String:
        return this.string(v.str);
      case JsonKind.Array: {
        this.beginArray();
        for (let i = 0; i < v.items.length; i++) this.value(v.items[i]);
        return this.endArray();
      }
      default: {
        this.beginObject();
        for (let i = 0; i < v.keys.length; i++) this.key(v.keys[i]).value(v.values[i]);
        return this.endObject();
      }
    }
  }
  toString(): string {
    return this.parts.join("");
  }
}
