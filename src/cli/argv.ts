import { fail } from "../core/errors";
import { splitWords } from "../core/words";
import type { GlobalFlags } from "../core/context";

/** Splits `dokku [--quiet] [--trace] [--force] [--safe-mode] [--app APP] <command> [args]` into flags and words. Pure. */
export function parseGlobalArgs(argv: readonly string[]): { flags: GlobalFlags; words: string[] } {
  let quiet = false;
  let trace = false;
  let force = false;
  let safeMode = false;
  let app: string | undefined;
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--quiet") quiet = true;
    else if (arg === "--trace") trace = true;
    else if (arg === "--force") force = true;
    else if (arg === "--safe-mode") safeMode = true;
    else if (arg === "--app") {
      app = argv[index + 1];
      if (app === undefined || app === "") fail("--app requires an app name");
      index++;
    } else if (arg.startsWith("--app=")) {
      app = arg.slice("--app=".length);
      if (app === "") fail("--app requires an app name");
    } else break;
  }
  return { flags: { quiet, trace, force, safeMode, app }, words: argv.slice(index) };
}

/**
 * SSH_ORIGINAL_COMMAND as words, the way xargs splits them for Dokku; never through a shell.
 * The line is not repeated in errors: it may carry config values.
 */
export function splitCommandWords(command: string): string[] {
  return splitWords(command);
}
