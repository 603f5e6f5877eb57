import { fail } from "../core/errors";
import type { GlobalFlags } from "../core/context";

/** Splits `dokku [--quiet] [--trace] [--force] [--app APP] <command> [args]` into flags and words. Pure. */
export function parseGlobalArgs(argv: readonly string[]): { flags: GlobalFlags; words: string[] } {
  let quiet = false;
  let trace = false;
  let force = false;
  let app: string | undefined;
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--quiet") quiet = true;
    else if (arg === "--trace") trace = true;
    else if (arg === "--force") force = true;
    else if (arg === "--app") {
      app = argv[index + 1];
      if (app === undefined || app === "") fail("--app requires an app name");
      index++;
    } else if (arg.startsWith("--app=")) {
      app = arg.slice("--app=".length);
      if (app === "") fail("--app requires an app name");
    } else break;
  }
  return { flags: { quiet, trace, force, app }, words: argv.slice(index) };
}

/** Inside double quotes a backslash escapes only these, as in sh; before anything else it is kept. */
const DOUBLE_QUOTE_ESCAPES = ['"', "\\", "$", "`"];

/**
 * Splits SSH_ORIGINAL_COMMAND into words the way xargs does for Dokku: whitespace separates,
 * single and double quotes group, backslash escapes (inside double quotes only `"`, `\\`, `$` and
 * a backtick; inside single quotes nothing). Never through a shell: no expansion,
 * no globbing, no command substitution. Pure.
 */
export function splitCommandWords(command: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && DOUBLE_QUOTE_ESCAPES.includes(command[i + 1] ?? "")) current += command[++i];
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < command.length) {
      current += command[++i];
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
  if (quote) fail(`Unterminated ${quote === "'" ? "single" : "double"} quote in command`);
  if (inWord) words.push(current);
  return words;
}
