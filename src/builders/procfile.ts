import { fail } from "../core/errors";

/** Process types -> commands, as read from a Procfile. */
export type Processes = Readonly<Record<string, string>>;

const ENTRY = /^([A-Za-z0-9_-]+):\s*(.+)$/;
const TRAILING_HASH_COMMENT = /^(.*)\s#.+$/;
const TRAILING_SLASH_COMMENT = /^(.*)\s\/\/.+$/;
const MAX_NAME_LENGTH = 63;

/**
 * Parses a Procfile by procfile-util's rules (which Dokku uses): `name: command` per line;
 * blank lines and lines starting with `#` or `//` are skipped; a trailing ` # comment` is cut;
 * names are unique and at most 63 characters; at least one entry. Errors name the line, in
 * Dokku's words: `Invalid Procfile: invalid line in procfile, line 3`. Pure.
 */
export function parseProcfile(text: string): Processes {
  const processes: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("//")) continue;
    const match = ENTRY.exec(line);
    if (!match) invalid(`invalid line in procfile, line ${lineNumber}`);
    const name = match[1] as string;
    let command = match[2] as string;
    if (name.length > MAX_NAME_LENGTH) invalid(`process name over 63 characters, line ${lineNumber}`);
    if (Object.hasOwn(processes, name)) invalid(`process names must be unique, line ${lineNumber}`);
    command = (TRAILING_HASH_COMMENT.exec(command)?.[1] ?? TRAILING_SLASH_COMMENT.exec(command)?.[1] ?? command).trim();
    if (command.startsWith("#") || command.startsWith("//"))
      invalid(`comment specified in place of command, line ${lineNumber}`);
    if (command === "") invalid(`no command specified, line ${lineNumber}`);
    processes[name] = command;
  }
  if (Object.keys(processes).length === 0) invalid("no entries found in Procfile");
  return Object.fromEntries(Object.entries(processes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function invalid(reason: string): never {
  return fail(`Invalid Procfile: ${reason}`, "invalid-procfile");
}
