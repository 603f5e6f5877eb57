/** Values that break naive env-file writers, and a seeded generator of more. */
export const TRICKY_VALUES: readonly string[] = [
  "",
  " ",
  "'",
  "''",
  '"',
  "\\",
  "a\\",
  "\\'",
  '\\"',
  "it's",
  "'quoted'",
  '"double"',
  "$HOME ${HOME} $(id) \\$X",
  "`id`",
  "a=b=c",
  "line1\nline2\n",
  "\ttab\t",
  "cr\r\nlf",
  "#not a comment",
  "x #comment-like",
  "héllo wörld ✓ 😀",
  "\u2028\u2029<>&",
  "  padded  ",
  "007",
  "-12",
  "+5",
  "!bang",
  "end'\\''x",
];

const POOL = [
  " ",
  "'",
  '"',
  "$",
  "`",
  "\\",
  "\n",
  "\t",
  "\r",
  "=",
  "#",
  "!",
  ":",
  "{",
  "}",
  "(",
  ")",
  "a",
  "Z",
  "0",
  "9",
  "-",
  "é",
  "😀",
  "\u00a0",
  "\u0085",
  "\u2028",
  "\v",
  "\f",
  "\u0000",
];

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomValue(random: () => number, pool: readonly string[] = POOL): string {
  const length = Math.floor(random() * 24);
  let value = "";
  for (let i = 0; i < length; i++) value += pool[Math.floor(random() * pool.length)];
  return value;
}

/** Environments of random tricky values, with every fixed tricky value included once. */
export function randomEnvs(count: number, seed = 42, pool?: readonly string[]): Map<string, string>[] {
  const random = seeded(seed);
  const envs: Map<string, string>[] = [new Map(TRICKY_VALUES.map((value, i) => [`KEY_${i}`, value]))];
  for (let n = 0; n < count; n++) {
    const env = new Map<string, string>();
    const size = 1 + Math.floor(random() * 6);
    for (let i = 0; i < size; i++) env.set(`K${Math.floor(random() * 1000)}_${i}`, randomValue(random, pool));
    envs.push(env);
  }
  return envs;
}

/** A Map as sorted entries, for order-free equality. */
export function entries(env: ReadonlyMap<string, string>): [string, string][] {
  return [...env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
