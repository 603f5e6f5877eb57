import { lexWords } from "../core/words";

/** Characters a shell would read as operators when outside quotes (a backtick is a substitution). */
const OPERATORS = new Set([";", "&", "|", "<", ">", "(", ")"]);

const SUBSTITUTION = "contains a command substitution, which is not interpreted: wrap the command as sh -c '...'";

/** Why a command is refused, thrown out of the lexer and returned by cronCommandProblem. */
class CronCommandRefusal extends Error {}

/**
 * Why `command` cannot run as a cron task, or undefined. A task's command is split into words
 * (quotes respected, `$VAR` expanded from the app's config) and exec'd, never given to a shell,
 * so shell operators outside quotes, command substitution (bare or in double quotes), a line
 * break outside quotes and unterminated quotes are refused when app.json is read, as Dokku
 * refuses them at deploy. Read with the one shell-word lexer (lexWords). Pure.
 */
export function cronCommandProblem(command: string): string | undefined {
  if (command.trim() === "") return "must not be empty";
  try {
    lexWords(command, {
      interpreted: (char, at) => {
        if (char === "`" || (char === "$" && at.next === "(")) refuse(SUBSTITUTION);
        if (at.quote) return;
        if (char === "\n" || char === "\r") refuse("must be one line");
        if (OPERATORS.has(char))
          refuse(`contains the shell operator '${char}', which is not interpreted: wrap the command as sh -c '...'`);
      },
      unterminated: (which) => refuse(`has an unterminated ${which === "single" ? "'" : '"'} quote`),
    });
  } catch (error) {
    if (error instanceof CronCommandRefusal) return error.message;
    throw error;
  }
  return undefined;
}

function refuse(problem: string): never {
  throw new CronCommandRefusal(problem);
}
