import { fail } from "../core/errors";
import { hasControlCharacter } from "../core/terminal-text";

/** The flags one storage command takes, as Dokku's pflag set declares them. */
export interface StorageFlagSpec {
  /** `--name value` or `--name=value`; the last one given wins. */
  readonly strings?: readonly string[];
  /** `--name a --name b,c`: pflag's StringSlice, values split on commas and kept in order. */
  readonly lists?: readonly string[];
  /** `--name` or `--name=true|false`. */
  readonly booleans?: readonly string[];
}

export interface StorageArgs {
  /** The words that are not flags, in order; everything after `--` included as typed. */
  readonly positionals: readonly string[];
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly booleans: ReadonlyMap<string, boolean>;
}

/** The most words a storage command reads, and the longest word: bounds on everything typed. */
export const MAX_STORAGE_WORDS = 256;
export const MAX_STORAGE_WORD = 4096;

/**
 * Reads the words after a storage command as pflag does: flags anywhere (interspersed), a bare
 * `--` ends the flags and every later word is positional. Refuses an unknown flag, a flag without
 * its value, a bad boolean, control characters and words past the bounds. Pure.
 */
export function parseStorageArgs(rawArgs: readonly string[], spec: StorageFlagSpec): StorageArgs {
  if (rawArgs.length > MAX_STORAGE_WORDS) fail(`Too many arguments (at most ${MAX_STORAGE_WORDS})`, "usage");
  const positionals: string[] = [];
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const booleans = new Map<string, boolean>();
  let flagsDone = false;
  for (let index = 0; index < rawArgs.length; index++) {
    const word = rawArgs[index] as string;
    if (word.length > MAX_STORAGE_WORD) fail(`Argument too long (at most ${MAX_STORAGE_WORD} characters)`, "usage");
    if (flagsDone || !word.startsWith("-") || word === "-") {
      positionals.push(word);
      continue;
    }
    if (word === "--") {
      flagsDone = true;
      continue;
    }
    if (hasControlCharacter(word)) fail("Arguments must not contain control characters", "usage");
    const body = word.replace(/^--?/, "");
    const equals = body.indexOf("=");
    const name = equals === -1 ? body : body.slice(0, equals);
    const inline = equals === -1 ? undefined : body.slice(equals + 1);
    if (spec.booleans?.includes(name)) {
      if (inline !== undefined && inline !== "true" && inline !== "false")
        fail(`invalid argument "${inline}" for "--${name}" flag: must be true or false`, "usage");
      booleans.set(name, inline !== "false");
      continue;
    }
    const isString = spec.strings?.includes(name) ?? false;
    const isList = spec.lists?.includes(name) ?? false;
    if (!isString && !isList) fail(`unknown flag: ${word.startsWith("--") ? `--${name}` : word}`, "usage");
    let value = inline;
    if (value === undefined) {
      value = rawArgs[++index];
      if (value === undefined) fail(`flag needs an argument: --${name}`, "usage");
      if (value.length > MAX_STORAGE_WORD) fail(`Argument too long (at most ${MAX_STORAGE_WORD} characters)`, "usage");
    }
    if (hasControlCharacter(value)) fail(`--${name} must not contain control characters`, "usage");
    if (isString) strings.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), ...(value === "" ? [] : value.split(","))]);
  }
  return { positionals, strings, lists, booleans };
}
