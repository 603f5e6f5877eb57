import { CONFIG_BOUNDS, envBoundsMessage } from "../../core/env-bounds";
import { fail } from "../../core/errors";

/** An environment: keys to values. A Map, so a key such as `__proto__` is an ordinary key. */
export type Env = ReadonlyMap<string, string>;

/** Dokku's rule for a config key (plugins/config/config.go validateKey). */
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isValidEnvKey(key: string): boolean {
  return ENV_KEY.test(key);
}

/** Refuses the first invalid key, in Dokku's words; a key past the bound first (so the error quotes it cut short). Pure. */
export function assertEnvKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    const bytes = Buffer.byteLength(key, "utf8");
    if (bytes > CONFIG_BOUNDS.keyBytes)
      fail(envBoundsMessage({ kind: "key", key, bytes, bound: CONFIG_BOUNDS.keyBytes }, ""), "config-too-large");
    if (!isValidEnvKey(key)) fail(`Invalid key name: '${key}'`, "invalid-config-key");
  }
}

/** Keys in byte order (Go's sort.Strings); keys are ASCII, so code-unit order is the same. Pure. */
export function sortedKeys(env: Env): string[] {
  return [...env.keys()].sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The env with keys in sorted order, as a fresh Map. Pure. */
export function sortedEnv(env: Env): Map<string, string> {
  return new Map(sortedKeys(env).map((key) => [key, env.get(key) as string]));
}

/** `global` under `app`: the app's value wins (Dokku's LoadMergedAppEnv). Pure. */
export function mergeEnv(global: Env, app: Env): Map<string, string> {
  return sortedEnv(new Map([...global, ...app]));
}

/**
 * `KEY=VALUE` words of config:set into a map; `--encoded` values are base64. Refuses a word
 * without `=`, a bad base64 value or an invalid key, before anything is written. Pure.
 */
export function parsePairs(pairs: readonly string[], encoded: boolean): Map<string, string> {
  if (pairs.length === 0) fail("At least one env pair must be given", "usage");
  const updated = new Map<string, string>();
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    if (equals < 0) fail(`Invalid env pair: ${pair}`, "invalid-config-pair");
    const key = pair.slice(0, equals);
    const raw = pair.slice(equals + 1);
    updated.set(key, encoded ? decodeBase64Value(key, raw) : raw);
  }
  assertEnvKeys(updated.keys());
  return updated;
}

const BASE64_CHAR = /[A-Za-z0-9+/]/;

/** Strict standard base64 (padding required, as Go's StdEncoding), decoded as UTF-8. Pure. */
export function decodeBase64Value(key: string, encoded: string): string {
  const text = encoded.replace(/[\r\n]/g, "");
  const problem = base64Problem(text);
  if (problem !== undefined) fail(`illegal base64 data at input byte ${problem} for key '${key}'`, "invalid-base64");
  const bytes = Buffer.from(text, "base64");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(`decoded value for key '${key}' is not valid UTF-8 text`, "invalid-base64");
  }
}

/** Index of the first byte Go's decoder would reject, or undefined when the text is valid. Pure. */
function base64Problem(text: string): number | undefined {
  const padding = /=*$/.exec(text)?.[0].length ?? 0;
  const body = text.length - padding;
  for (let i = 0; i < body; i++) {
    if (!BASE64_CHAR.test(text[i] as string)) return i;
  }
  if (padding > 2) return body + 2;
  if (text.length % 4 !== 0) return text.length - (text.length % 4);
  if (padding > 0 && body % 4 === 1) return body;
  return undefined;
}
