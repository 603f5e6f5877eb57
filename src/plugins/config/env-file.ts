import { isValidEnvKey, sortedKeys, type Env } from "./keys";

/**
 * The stored ENV file: one `export KEY='value'` per key, sorted, each `'` written as `'\''`.
 * It is what older Dokku wrote and what a shell can source. Every value round-trips exactly:
 * inside single quotes nothing is special, so a value is a run of quoted segments joined by `\'`.
 */
export function serializeEnvFile(env: Env): string {
  return sortedKeys(env)
    .map((key) => `export ${key}=${singleQuote(env.get(key) as string)}\n`)
    .join("");
}

/** `'value'` with each `'` as `'\''`, as a POSIX shell reads it. Pure. */
export function singleQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Parses exactly what serializeEnvFile writes; undefined when the text is not in that form. Pure. */
export function parseEnvFile(text: string): Map<string, string> | undefined {
  const env = new Map<string, string>();
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === "\n") {
      pos++;
      continue;
    }
    const pattern = /export ([A-Za-z_][A-Za-z0-9_]*)=/y;
    pattern.lastIndex = pos;
    const header = pattern.exec(text);
    if (!header || !isValidEnvKey(header[1] as string)) return undefined;
    pos += header[0].length;
    const value = readQuotedRun(text, pos);
    if (!value) return undefined;
    env.set(header[1] as string, value.value);
    pos = value.end;
    if (pos < text.length && text[pos] !== "\n") return undefined;
  }
  return env;
}

/** Reads `'seg'` (`\'` `'seg'`)* from `start`; the value and where it ended. Pure. */
export function readQuotedRun(text: string, start: number): { value: string; end: number } | undefined {
  let pos = start;
  let value = "";
  for (;;) {
    if (text[pos] !== "'") return undefined;
    const close = text.indexOf("'", pos + 1);
    if (close < 0) return undefined;
    value += text.slice(pos + 1, close);
    pos = close + 1;
    if (!text.startsWith("\\''", pos)) return { value, end: pos };
    value += "'";
    pos += 2;
  }
}
