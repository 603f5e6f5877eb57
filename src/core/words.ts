import { fail } from "./errors";

/** Inside double quotes a backslash escapes only these, as in sh; before anything else it is kept. */
const DOUBLE_QUOTE_ESCAPES = ['"', "\\", "$", "`"];

/** Where a character the lexer hands to `WordRules.interpreted` stands. */
export interface Interpreted {
  /** '"': inside double quotes, where sh still expands `$` and backticks; undefined: bare. */
  readonly quote: '"' | undefined;
  /** A word has begun before this character. */
  readonly inWord: boolean;
  /** The character after it in the line as written ("" at the end). */
  readonly next: string;
}

/** What differs between the places that split words as sh quotes them. */
export interface WordRules {
  /** A backslash before a newline joins the lines (sh's line continuation) instead of keeping the newline. */
  readonly lineContinuation?: boolean;
  /**
   * Sees each character sh would interpret, before it joins a word: every bare one (whitespace
   * included) and, inside double quotes, each one no backslash escapes. Never a quote that opens
   * or closes, an escaping backslash or what it escapes, or anything in single quotes. Throws to
   * refuse it.
   */
  readonly interpreted?: (char: string, at: Interpreted) => void;
  /**
   * `$(...)`, `$((...))`, `${...}` and backtick substitutions (bare or in double quotes) are kept
   * verbatim as part of the word, spaces and quotes inside them included, as mvdan/sh's word
   * parser reads them for Dokku: never expanded, never run, and never seen by `interpreted`.
   */
  readonly substitutions?: boolean;
  /** The error for an unterminated quote (or, with `substitutions`, an unterminated substitution). */
  readonly unterminated: (which: "single" | "double" | "substitution") => never;
}

/** Where the substitution opening at `start` (`$(`, `${` or a backtick) ends: the index after it, or -1. Pure. */
function substitutionEnd(line: string, start: number): number {
  if (line[start] === "`") {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] === "\\") i++;
      else if (line[i] === "`") return i + 1;
    }
    return -1;
  }
  const open = line[start + 1] as string;
  const close = open === "(" ? ")" : "}";
  let depth = 0;
  for (let i = start + 1; i < line.length; i++) {
    const char = line[i] as string;
    if (char === "\\") i++;
    else if (char === "'" && open === "(") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (char === '"' || char === "`" || (char === "$" && (line[i + 1] === "(" || line[i + 1] === "{"))) {
      if (char === '"') {
        let j = i + 1;
        for (; j < line.length && line[j] !== '"'; j++) {
          if (line[j] === "\\") j++;
          else if (line[j] === "`" || (line[j] === "$" && (line[j + 1] === "(" || line[j + 1] === "{"))) {
            const end = substitutionEnd(line, j);
            if (end === -1) return -1;
            j = end - 1;
          }
        }
        if (j >= line.length) return -1;
        i = j;
      } else {
        const end = substitutionEnd(line, i);
        if (end === -1) return -1;
        i = end - 1;
      }
    } else if (char === open) depth++;
    else if (char === close && --depth === 0) return i + 1;
  }
  return -1;
}

/** Whether a substitution opens at `i` (`$(`, `${` or a backtick). */
function opensSubstitution(line: string, i: number): boolean {
  return line[i] === "`" || (line[i] === "$" && (line[i + 1] === "(" || line[i + 1] === "{"));
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
    const next = line[i + 1] ?? "";
    if (quote === "'") {
      if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    if (rules.substitutions && opensSubstitution(line, i)) {
      const end = substitutionEnd(line, i);
      if (end === -1) rules.unterminated("substitution");
      current += line.slice(i, end);
      inWord = true;
      i = end - 1;
      continue;
    }
    if (quote === '"') {
      if (char === quote) quote = undefined;
      else if (char === "\\" && escapes.includes(next)) current += escaped(line[++i] as string);
      else {
        rules.interpreted?.(char, { quote, inWord, next });
        current += char;
      }
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && next !== "") {
      current += escaped(line[++i] as string);
      inWord = true;
    } else {
      rules.interpreted?.(char, { quote, inWord, next });
      if (/\s/.test(char)) {
        if (inWord) words.push(current);
        current = "";
        inWord = false;
      } else {
        current += char;
        inWord = true;
      }
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
