import { fail } from "../core/errors";

/** Inside double quotes a backslash escapes only these, as in sh. */
const DOUBLE_QUOTE_ESCAPES = ['"', "\\", "$", "`", "\n"];
/** Characters sh would read as an operator or a subshell when bare: refused, never run. */
const BARE_OPERATORS = [";", "|", "&", "<", ">", "(", ")", "`"];

/**
 * Splits docker option text into words as sh does for quoting alone: whitespace separates,
 * single quotes are literal, double quotes group with sh's escapes, a bare backslash escapes
 * the next character. Nothing is expanded: `$VAR` stays as written. A bare shell operator
 * (`;`, `|`, `&&`, `$(...)`, backticks, redirections) or a word starting with `#` is refused,
 * since sh would not have read it as part of an option. Pure.
 */
export function optionWords(input: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < input.length; i++) {
    const char = input[i] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && DOUBLE_QUOTE_ESCAPES.includes(input[i + 1] ?? "")) {
        const next = input[++i] as string;
        if (next !== "\n") current += next;
      } else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < input.length) {
      const next = input[++i] as string;
      if (next !== "\n") current += next;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else if (BARE_OPERATORS.includes(char)) {
      fail(`Unable to parse docker option: unquoted '${char}' (quote the value; options never run through a shell)`, "invalid-docker-option");
    } else if (char === "#" && !inWord) {
      fail("Unable to parse docker option: an unquoted '#' starts a comment (quote the value)", "invalid-docker-option");
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) fail(`Unable to parse docker option: unterminated ${quote === "'" ? "single" : "double"} quote`, "invalid-docker-option");
  if (inWord) words.push(current);
  return words;
}

const NEEDS_QUOTING = new Set([" ", "\t", "\n", '"', "'", "$", "`", "\\", "*", "?", "[", "]", "<", ">", "|", "&", ";", "(", ")", "{", "}", "!", "#", "~"]);

/** A word as sh would read it back: bare when harmless, else single-quoted (Dokku's quoteShellArg). Pure. */
export function quoteWord(word: string): string {
  if (word === "") return "''";
  if (![...word].some((char) => NEEDS_QUOTING.has(char))) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Words joined into the one stored line that `optionWords` splits back into them. Pure. */
export function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(" ");
}
