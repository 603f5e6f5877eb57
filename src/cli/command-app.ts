import type { ArgsDef } from "citty";
import { appNameProblem } from "../core/validation";
import { parseCommandArgs } from "./command-args";
import type { DokkuCommand } from "./define-command";

/** The names a command's first positional has when it is the app the command acts on. */
export const APP_POSITIONALS: readonly string[] = ["app", "old-app"];

/** Whether the command acts on an app: its first positional argument is one, or it reads it itself (git's repo). Pure. */
export function takesApp(command: DokkuCommand): boolean {
  if (command.appArgument !== undefined) return true;
  const firstPositional = Object.entries((command.args ?? {}) as ArgsDef).find(
    ([, definition]) => definition.type === "positional",
  );
  return firstPositional !== undefined && APP_POSITIONALS.includes(firstPositional[0]);
}

/**
 * The app a command line acts on, as `user-auth` tells it: for a command taking an app (its
 * first positional is `app`, or `old-app` for a rename; git's transport commands name it by their
 * repo), the app as the command itself reads it
 * (its `appArgument` when it reads the raw words, else citty's parse: flags and their values
 * skipped), unless `--global` stands in for it; and only a valid app name (the app need not
 * exist yet: apps:create). A line the command would refuse to parse has none. `words` are the
 * arguments after the command, `--app` already applied. Null otherwise. Pure.
 */
export function commandApp(command: DokkuCommand, words: readonly string[]): string | null {
  if (!takesApp(command)) return null;
  let app: string | undefined;
  try {
    app = command.appArgument ? command.appArgument(words) : cittyApp(command, words);
  } catch {
    return null;
  }
  return app !== undefined && appNameProblem(app) === undefined ? app : null;
}

function cittyApp(command: DokkuCommand, words: readonly string[]): string | undefined {
  const parsed = parseCommandArgs(words, (command.args ?? {}) as ArgsDef) as unknown as {
    _: string[];
    global?: unknown;
  };
  return parsed.global === true ? undefined : parsed._[0];
}
