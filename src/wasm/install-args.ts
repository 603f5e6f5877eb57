import { fail } from "../core/errors";
import { NO_GRANTS, parseGrantFlag } from "./permissions";
import type { Grants } from "./types";

/** `plugin:install`/`plugin:update` arguments: positional words, `--name N`, the `--allow-*` grants. */
export interface InstallArgs {
  readonly words: string[];
  readonly name?: string;
  readonly grants: Grants;
}

/**
 * Reads the command line ourselves: `--allow-net` takes its hosts only as `--allow-net=a,b`,
 * so `--allow-net ./plugin` never swallows the path. Unknown flags are refused. Pure.
 */
export function parseInstallArgs(rawArgs: readonly string[], options: { allowName: boolean }): InstallArgs {
  const words: string[] = [];
  let name: string | undefined;
  let grants = NO_GRANTS;
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] as string;
    if (options.allowName && (arg === "--name" || arg.startsWith("--name="))) {
      name = arg === "--name" ? rawArgs[++index] : arg.slice("--name=".length);
      if (name === undefined || name === "") fail("--name requires a plugin name", "usage");
      continue;
    }
    if (arg.startsWith("--")) {
      const next = parseGrantFlag(arg, grants);
      if (next === undefined) fail(`Unknown flag ${arg.split("=")[0]}`, "usage");
      grants = next;
      continue;
    }
    words.push(arg);
  }
  return { words, name, grants };
}
