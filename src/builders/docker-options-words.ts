import { fail } from "../core/errors";
import { lexWords } from "../core/words";

/** Characters sh would read as an operator or a subshell when bare: refused, never run. */
const BARE_OPERATORS = [";", "|", "&", "<", ">", "(", ")"];

/**
 * Splits docker option text into words as Dokku's parser (mvdan/sh's word reader) does: quoting
 * alone, with sh's backslash-newline continuation. Nothing is expanded or run: `$VAR`, `$(...)`,
 * `${...}` and backticks stay in the word as written, spaces inside a substitution included. A
 * bare shell operator (`;`, `|`, `&&`, a subshell's `(`, redirections) or a word starting with
 * `#` is refused, as Dokku's parser refuses it. Pure.
 */
export function optionWords(input: string): string[] {
  return lexWords(input, {
    lineContinuation: true,
    substitutions: true,
    interpreted: (char, at) => {
      if (at.quote) return;
      if (BARE_OPERATORS.includes(char)) {
        fail(
          `Unable to parse docker option: unquoted '${char}' (quote the value; options never run through a shell)`,
          "invalid-docker-option",
        );
      }
      if (char === "#" && !at.inWord)
        fail(
          "Unable to parse docker option: an unquoted '#' starts a comment (quote the value)",
          "invalid-docker-option",
        );
    },
    unterminated: (which) =>
      fail(
        `Unable to parse docker option: unterminated ${which === "substitution" ? "substitution" : `${which} quote`}`,
        "invalid-docker-option",
      ),
  });
}

const NEEDS_QUOTING = new Set([
  " ",
  "\t",
  "\n",
  '"',
  "'",
  "$",
  "`",
  "\\",
  "*",
  "?",
  "[",
  "]",
  "<",
  ">",
  "|",
  "&",
  ";",
  "(",
  ")",
  "{",
  "}",
  "!",
  "#",
  "~",
]);

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
