import { splitWords } from "../core/words";

/**
 * The argv a Procfile command runs as, the way Dokku starts it: `$VAR` and `${VAR}` are expanded
 * from the container's environment first (procfile-util's `show --env-file --default-port`),
 * then the line is split into words with quotes respected (fn-docker-args-split). No shell runs
 * it: an image with an ENTRYPOINT receives these words as arguments. Pure.
 */
export function procfileArgv(command: string, env: ReadonlyMap<string, string>): string[] {
  return splitWords(expandVariables(command, env), command);
}

/** `$NAME` / `${NAME}` replaced by the value, unknown names by nothing; `$$` is kept. Pure. */
export function expandVariables(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_match, braced: string | undefined, bare: string | undefined) => {
      return env.get((braced ?? bare) as string) ?? "";
    },
  );
}
