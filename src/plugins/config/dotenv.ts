import { fail } from "../../core/errors";
import { readQuotedRun } from "./env-file";
import { compareStrings, type Env } from "./keys";

/**
 * The dotenv format of Dokku's `config:import` and `config:export --format envfile`, as
 * github.com/joho/godotenv v1.5.1 reads and writes it, with these fixes, so that everything
 * `config:export` prints can be imported back unchanged:
 * - a single-quoted value is read as a shell reads it (`'it'\''s'` is `it's`; backslash is literal);
 * - a double quote closes the value only after an even run of backslashes (godotenv >= 1.6);
 * - exactly one quote is removed at each end (godotenv trims every quote character there);
 * - integers are written as given (godotenv 1.5.1 writes `007` as `7`);
 * - CRLF is not rewritten inside quoted values (CRLF files still parse: `\r` ends a line).
 * Errors name the line, never the value: values are secrets.
 */
export function parseDotenv(src: string): Map<string, string> {
  const out = new Map<string, string>();
  let pos = statementStart(src, 0);
  while (pos >= 0) {
    const { key, next } = locateKey(src, pos);
    const value = extractValue(src, next, out, key);
    out.set(key, value.value);
    pos = statementStart(src, value.next);
  }
  return out;
}

/** godotenv's Marshal: `KEY="escaped"`, or `KEY=123` for an integer; lines sorted. Pure. */
export function marshalDotenv(env: Env): string {
  const lines = [...env].map(([key, value]) =>
    /^-?[0-9]+$/.test(value) ? `${key}=${value}` : `${key}="${doubleQuoteEscape(value)}"`,
  );
  return lines.sort(compareStrings).join("\n");
}

export function doubleQuoteEscape(value: string): string {
  return value.replace(/[\\\n\r"!$`]/g, (char) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : `\\${char}`));
}

/** godotenv's isSpace: blanks but not line breaks. */
function isSpace(char: string | undefined): boolean {
  return char !== undefined && "\t\v\f\r \u0085\u00a0".includes(char);
}

/** Go's unicode.IsSpace. */
function isUnicodeSpace(char: string | undefined): boolean {
  return char !== undefined && /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(char);
}

function statementStart(src: string, from: number): number {
  let pos = from;
  for (;;) {
    while (pos < src.length && isUnicodeSpace(src[pos])) pos++;
    if (pos >= src.length) return -1;
    if (src[pos] !== "#") return pos;
    pos = src.indexOf("\n", pos);
    if (pos < 0) return -1;
  }
}

function locateKey(src: string, from: number): { key: string; next: number } {
  let pos = skip(src, from, isSpace);
  if (src.startsWith("export", pos) && isSpace(src[pos + 6])) pos = skip(src, pos + 6, isSpace);
  for (let i = pos; i < src.length; i++) {
    const char = src[i] as string;
    if (isSpace(char)) continue;
    if (char === "=" || char === ":") {
      const key = src.slice(pos, i).replace(/[\t\n\v\f\r \u0085\u00a0]+$/, "");
      return { key, next: skip(src, i + 1, isSpace) };
    }
    if (char === "_" || char === "." || /[\p{L}\p{N}]/u.test(char) || /[\ud800-\udfff]/.test(char)) continue;
    fail(`unexpected character ${JSON.stringify(char)} in variable name on line ${lineOf(src, i)}`, "invalid-envfile");
  }
  return fail(`missing '=' after variable name on line ${lineOf(src, pos)}`, "invalid-envfile");
}

function extractValue(
  src: string,
  pos: number,
  vars: Map<string, string>,
  key: string,
): { value: string; next: number } {
  const quote = src[pos];
  if (quote === "'") {
    const run = readQuotedRun(src, pos);
    if (!run) unterminated(src, pos, key);
    return { value: run.value, next: run.end };
  }
  if (quote === '"') {
    for (let i = pos + 1; i < src.length; i++) {
      if (src[i] !== '"' || backslashesBefore(src, i) % 2 === 1) continue;
      return { value: expandVariables(expandEscapes(src.slice(pos + 1, i)), vars), next: i + 1 };
    }
    unterminated(src, pos, key);
  }
  let end = pos;
  while (end < src.length && src[end] !== "\n" && src[end] !== "\r") end++;
  let line = src.slice(pos, end);
  for (let i = 1; i < line.length; i++) {
    if (line[i] === "#" && isSpace(line[i - 1])) {
      line = line.slice(0, i);
      break;
    }
  }
  const trimmed = line.replace(/^[\t\v\f\r \u0085\u00a0]+|[\t\v\f\r \u0085\u00a0]+$/g, "");
  return { value: expandVariables(trimmed, vars), next: end };
}

function unterminated(src: string, pos: number, key: string): never {
  return fail(`unterminated quoted value for ${key} on line ${lineOf(src, pos)}`, "invalid-envfile");
}

function backslashesBefore(src: string, index: number): number {
  let count = 0;
  for (let j = index - 1; j >= 0 && src[j] === "\\"; j--) count++;
  return count;
}

/** `\n` and `\r` become line breaks; any other backslash pair loses its backslash, except `\$`. */
function expandEscapes(value: string): string {
  return value
    .replace(/\\[^\n]/g, (pair) => (pair === "\\n" ? "\n" : pair === "\\r" ? "\r" : pair))
    .replace(/\\([^$])/g, "$1");
}

/** `$NAME` and `${NAME}` from keys read earlier in the file (missing: empty); `\$` is a dollar. */
function expandVariables(value: string, vars: Map<string, string>): string {
  return value.replace(
    /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g,
    (match, escaped?: string, _dollar?: string, _paren?: string, name?: string) => {
      if (escaped) return match.slice(1);
      if (name) return vars.get(name) ?? "";
      return match;
    },
  );
}

function skip(src: string, from: number, test: (char: string | undefined) => boolean): number {
  let pos = from;
  while (pos < src.length && test(src[pos])) pos++;
  return pos;
}

function lineOf(src: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < src.length; i++) if (src[i] === "\n") line++;
  return line;
}
