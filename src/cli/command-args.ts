import { type ArgsDef, parseArgs, type ParsedArgs } from "citty";

/** A word node's option parser reads as flags: `--`, `--name[=value]`, or a cluster of letters (`-h`, `-tq`). */
const OPTION_WORD = /^(--|--[A-Za-z0-9][A-Za-z0-9-]*(=[\s\S]*)?|-[A-Za-z]+)$/;

/** Stands for the word at `index` while citty parses: cannot start with `-`, cannot come from argv (NUL). */
const placeholder = (index: number): string => `\u0000${index}`;

/**
 * A command's words parsed by citty against its argument definitions, except that a word starting
 * with `-` that is no flag (`-v cache_vol:/cache:ro`, `-1`, `-e FOO=bar baz`) is an operand. Left to
 * citty, node's option parser reads such a word as a cluster of one-letter flags: `_` among them
 * overwrote the operand list (` !     true is not iterable`) and other letters set stray flags.
 * Pure.
 */
export function parseCommandArgs<A extends ArgsDef>(words: readonly string[], definitions: A): ParsedArgs<A> {
  const originals = new Map<string, string>();
  const safe = words.map((word, index) => {
    if (!word.startsWith("-") || OPTION_WORD.test(word)) return word;
    originals.set(placeholder(index), word);
    return placeholder(index);
  });
  const parsed = parseArgs<A>(safe, definitions);
  if (originals.size === 0) return parsed;
  const values = parsed as unknown as Record<string, unknown>;
  const restore = (value: unknown): unknown => (typeof value === "string" ? (originals.get(value) ?? value) : value);
  for (const key of Object.keys(values)) {
    const value = values[key];
    values[key] = Array.isArray(value) ? value.map(restore) : restore(value);
  }
  return parsed;
}
