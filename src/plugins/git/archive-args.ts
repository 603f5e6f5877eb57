import { fail } from "../../core/errors";
import { ARCHIVE_TYPES } from "../../executors/archive/entries";
import { DOKKU_AUTHOR, type Author } from "./commit-dir";

export interface ArchiveArgs {
  readonly app?: string;
  readonly source?: string;
  readonly type: string;
  readonly author: Author;
}

/**
 * `git:from-archive [--archive-type tar|tar.gz|zip] <app> <url|--> [<git-username> <git-email>]`
 * as Dokku reads it; `-` means stdin like `--`, and a third word naming an archive type is the
 * type (`git:from-archive app - tar.gz`). Pure.
 */
export function parseArchiveArgs(rawArgs: readonly string[]): ArchiveArgs {
  let type: string | undefined;
  const words: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] as string;
    if (arg === "--archive-type") {
      type = rawArgs[++index];
      if (type === undefined) fail("--archive-type requires a value: tar, tar.gz or zip");
    } else if (arg.startsWith("--archive-type=")) type = arg.slice("--archive-type=".length);
    else words.push(arg);
  }
  const [app, source, ...rest] = words;
  if (type === undefined && rest[0] !== undefined && (ARCHIVE_TYPES as readonly string[]).includes(rest[0]))
    type = rest.shift();
  const [name, email] = rest;
  return {
    app,
    source,
    type: type ?? "tar",
    author: { name: name || DOKKU_AUTHOR.name, email: email || DOKKU_AUTHOR.email },
  };
}
