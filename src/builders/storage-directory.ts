import { fail } from "../core/errors";

/** `--chown` presets: the uid (and gid) each kind of image runs its processes as. */
export const CHOWN_PRESETS: Readonly<Record<string, number>> = {
  herokuish: 32767,
  heroku: 1000,
  paketo: 2000,
  /** Dokku's old misspelling, still accepted. */
  packeto: 2000,
  root: 0,
};

export const DEFAULT_CHOWN = "herokuish";

/** Refuses a storage directory name Dokku refuses: empty, or outside `[A-Za-z0-9_-]`. Pure. */
export function assertStorageDirectoryName(name: string | undefined): string {
  if (name === undefined || name === "") fail("Please specify a directory to create", "usage");
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    fail("Directory can only contain the following set of characters: [A-Za-z0-9_-]", "invalid-directory");
  return name;
}

/**
 * The uid a `--chown` value stands for: a preset, a numeric id 0-65535, or `false` (no chown,
 * undefined). Anything else is refused as Dokku does. Pure.
 */
export function chownId(option: string): number | undefined {
  if (option === "false") return undefined;
  const preset = CHOWN_PRESETS[option];
  if (preset !== undefined) return preset;
  if (/^\d+$/.test(option) && Number(option) <= 65535) return Number(option);
  return fail("Unsupported chown permissions", "invalid-chown");
}
