/** Characters a shell would read as operators when outside quotes. */
const OPERATORS = new Set([";", "&", "|", "<", ">", "(", ")", "`"]);

/**
 * Why `command` cannot run as a cron task, or undefined. A task's command is split into words
 * (quotes respected, `$VAR` expanded from the app's config) and exec'd, never given to a shell,
 * so shell operators outside quotes, command substitution and unterminated quotes are refused
 * when app.json is read, as Dokku refuses them at deploy. Pure.
 */
export function cronCommandProblem(command: string): string | undefined {
  if (command.trim() === "") return "must not be empty";
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === "\\") {
      index++;
      continue;
    }
    if (char === "`" || (char === "$" && command[index + 1] === "(")) return substitution();
    if (quote === '"') {
      if (char === '"') quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === "\n" || char === "\r") return "must be one line";
    else if (OPERATORS.has(char))
      return `contains the shell operator '${char}', which is not interpreted: wrap the command as sh -c '...'`;
  }
  return quote ? `has an unterminated ${quote} quote` : undefined;
}

function substitution(): string {
  return "contains a command substitution, which is not interpreted: wrap the command as sh -c '...'";
}
