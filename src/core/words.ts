import { fail } from "./errors";

/** Inside double quotes a backslash escapes only these, as in sh; before anything else it is kept. */
const DOUBLE_QUOTE_ESCAPES = ['"', "\\", "$", "`"];

/**
 * Splits a command line into words as a POSIX shell does for quoting alone: whitespace
 * separates, single quotes take everything literally, double quotes group with sh's four
 * escapes, a bare backslash escapes the next character. Nothing is expanded, globbed or run.
 * Used for SSH_ORIGINAL_COMMAND, Procfile commands and release tasks. `shown` is added to an
 * error (a Procfile line; never an SSH command line, which may carry secrets). Pure.
 */
export function splitWords(line: string, shown?: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && DOUBLE_QUOTE_ESCAPES.includes(line[i + 1] ?? "")) current += line[++i];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) {
    const which = quote === "'" ? "single" : "double";
    fail(`Unterminated ${which} quote in command${shown === undefined ? "" : `: ${shown}`}`, "invalid-command");
  }
  if (inWord) words.push(current);
  return words;
}
