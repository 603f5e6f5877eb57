import { fail } from "./errors";

/** Inside double quotes a backslash escapes only these, as in sh; before anything else it is kept. */
const DOUBLE_QUOTE_ESCAPES = ['"', "\\", "$", "`"];

/** What differs between the places that split words as sh quotes them. */
export interface WordRules {
  /** A backslash before a newline joins the lines (sh's line continuation) instead of keeping the newline. */
  readonly lineContinuation?: boolean;
  /** Sees every unquoted character before it joins a word (`inWord`: a word has begun): throws to refuse it. */
  readonly bare?: (char: string, inWord: boolean) => void;
  /** The error for an unterminated quote. */
  readonly unterminated: (which: "single" | "double") => never;
}

/**
 * Splits text into words as a POSIX shell does for quoting alone: whitespace separates, single
 * quotes take everything literally, double quotes group with sh's four escapes, a bare
 * backslash escapes the next character. Nothing is expanded, globbed or run. Pure.
 */
export function lexWords(line: string, rules: WordRules): string[] {
  const escapes = rules.lineContinuation ? [...DOUBLE_QUOTE_ESCAPES, "\n"] : DOUBLE_QUOTE_ESCAPES;
  const escaped = (char: string) => (rules.lineContinuation && char === "\n" ? "" : char);
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && escapes.includes(line[i + 1] ?? ""))
        current += escaped(line[++i] as string);
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < line.length) {
      current += escaped(line[++i] as string);
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      rules.bare?.(char, inWord);
      current += char;
      inWord = true;
    }
  }
  if (quote) rules.unterminated(quote === "'" ? "single" : "double");
  if (inWord) words.push(current);
  return words;
}

/**
 * Splits a command line into words (lexWords). Used for SSH_ORIGINAL_COMMAND, Procfile commands
 * and release tasks. `shown` is added to an error (a Procfile line; never an SSH command line,
 * which may carry secrets). Pure.
 */
export function splitWords(line: string, shown?: string): string[] {
  return lexWords(line, {
    unterminated: (which) =>
      fail(`Unterminated ${which} quote in command${shown === undefined ? "" : `: ${shown}`}`, "invalid-command"),
  });
}
