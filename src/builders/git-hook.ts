import { appNameProblem } from "../core/validation";

/** What the pre-receive hook needs to call us back: our executable, the app, and the state roots. */
export interface PreReceiveHookInput {
  readonly executablePath: string;
  readonly app: string;
  /** Variables fixed in the hook (DOKKU_ROOT, DOKKU_LIB_ROOT ...), as Dokku pins DOKKU_ROOT there. */
  readonly env: Readonly<Record<string, string>>;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Quotes one word for POSIX sh: single quotes, with each `'` written as `'\''`. Pure. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The bare repo's `hooks/pre-receive`: a POSIX sh script that hands git's ref lines (stdin) and
 * environment to `<dokku> git-hook "<app>"`. Every value is single-quoted but the app name, which
 * is validated first, so a bad name can never reach a hook. Pure.
 */
export function preReceiveHook(input: PreReceiveHookInput): string {
  const problem = appNameProblem(input.app);
  if (problem) throw new Error(`refusing to write a pre-receive hook for '${input.app}': ${problem}`);
  if (input.executablePath === "" || input.executablePath.includes("\n")) {
    throw new Error("refusing to write a pre-receive hook: the executable path is empty or spans lines");
  }
  // sshd's SSH_ORIGINAL_COMMAND would make the callee serve `git-receive-pack` again
  const lines = [
    "#!/bin/sh",
    "# Written by dokku: runs the deploy of every push. Do not edit.",
    "set -e",
    "unset SSH_ORIGINAL_COMMAND",
  ];
  for (const [name, value] of Object.entries(input.env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!ENV_NAME.test(name)) throw new Error(`refusing to write a pre-receive hook: bad variable name '${name}'`);
    lines.push(`${name}=${shellQuote(value)}`, `export ${name}`);
  }
  // the app in double quotes, as Dokku's hook has it (tools grep for `git-hook "<app>"`): a
  // validated name holds none of the characters double quotes leave special ($ ` \ ")
  lines.push(`exec ${shellQuote(input.executablePath)} git-hook "${input.app}"`, "");
  return lines.join("\n");
}
