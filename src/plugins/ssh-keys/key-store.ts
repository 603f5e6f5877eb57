import { existsSync, readFileSync, statSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { Paths } from "../../core/paths";
import { atomicWriteFileSync, ensureDir } from "../../store/atomic-write";
import { acquireLock } from "../../store/file-lock";
import {
  appendLine,
  executablePathProblem,
  keyNameProblem,
  parseAuthorizedKeys,
  removeLines,
  renderManagedLine,
  type AuthorizedKeysLine,
  type ManagedKey,
} from "./authorized-keys";
import { parsePublicKey } from "./public-key";

export function sshDir(paths: Pick<Paths, "dokkuRoot">): string {
  return `${paths.dokkuRoot}/.ssh`;
}

export function authorizedKeysPath(paths: Pick<Paths, "dokkuRoot">): string {
  return `${sshDir(paths)}/authorized_keys`;
}

const NO_KEYS = "No public keys found.";

/** ssh-keys:add: checks the name before reading the key from the file, or stdin when absent or `-`. */
export async function addKeyFrom(ctx: Context, name: string, file: string | undefined): Promise<string> {
  assertKeyName(name);
  return addKey(ctx, name, await readKeyInput(ctx, file));
}

/** The key text from the file, or from stdin when the file is absent or `-`. */
export async function readKeyInput(ctx: Pick<Context, "input">, file: string | undefined): Promise<string> {
  let text: string;
  if (file !== undefined && file !== "" && file !== "-") {
    if (!existsSync(file) || !statSync(file).isFile()) fail(`Key file ${file} not found`);
    text = readFileSync(file, "utf8");
  } else {
    if (file === undefined && ctx.input.isTTY) fail("No key specified via file or pipe");
    text = await ctx.input.readAll();
  }
  if (text.trim() === "") fail("Empty key was specified");
  return text;
}

/** Checks and appends one key under `name`; returns its fingerprint. The file is unchanged on any refusal. */
export async function addKey(ctx: Context, name: string, keyText: string): Promise<string> {
  assertKeyName(name);
  const pathProblem = executablePathProblem(ctx.executablePath);
  if (pathProblem) fail(pathProblem);
  const lines = keyText.split("\n").filter((line) => line.trim() !== "");
  if (lines.length > 1) fail("Too many keys provided, set one per invocation of dokku ssh-keys:add <NAME> <KEY_FILE>");
  const parsed = parsePublicKey(lines[0] ?? "");
  if (!parsed.ok) fail(`Key specified is not a valid ssh public key: ${parsed.problem}`, "invalid-key");
  const key = parsed.key;

  return withAuthorizedKeys(ctx, (text, entries) => {
    if (entries.some((entry) => entry.managed?.name === name)) fail("Duplicate ssh key name", "duplicate-key-name");
    if (
      entries.some(
        (entry) => entry.key?.fingerprint === key.fingerprint || entry.managed?.fingerprint === key.fingerprint,
      )
    ) {
      fail("Duplicate ssh public key specified", "duplicate-key");
    }
    return { text: appendLine(text, renderManagedLine(name, key, ctx.executablePath)), result: key.fingerprint };
  });
}

function assertKeyName(name: string): void {
  const problem = keyNameProblem(name);
  if (problem) fail(problem, "invalid-key-name");
}

export type KeySelector = { readonly name: string } | { readonly fingerprint: string };

/** Removes the keys ssh-keys:add wrote under a name or fingerprint; other lines stay as they are. */
export async function removeKey(ctx: Context, selector: KeySelector): Promise<void> {
  const matches = (line: AuthorizedKeysLine) => {
    if (!line.managed) return false;
    return "name" in selector ? line.managed.name === selector.name : line.managed.fingerprint === selector.fingerprint;
  };
  await withAuthorizedKeys(ctx, (text, entries) => {
    if (!entries.some((entry) => entry.kind === "key")) fail(NO_KEYS, "no-keys");
    return { text: entries.some(matches) ? removeLines(text, matches) : text, result: undefined };
  });
}

/**
 * The keys ssh-keys:add wrote, optionally those of one name; as sshcommand's list, fails when
 * authorized_keys is missing or empty (0 bytes), and on a line sshd could not read.
 */
export function listKeys(ctx: Pick<Context, "paths">, name?: string): ManagedKey[] {
  const path = authorizedKeysPath(ctx.paths);
  if (!existsSync(path)) fail(`${path} not found`, "no-keys");
  const text = readFileSync(path, "utf8");
  if (text === "") fail(`${path} is empty`, "no-keys");
  const entries = checkedEntries(path, text);
  const keys = entries.flatMap((entry) => (entry.managed ? [entry.managed] : []));
  return name === undefined ? keys : keys.filter((key) => key.name === name);
}

function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

function checkedEntries(path: string, text: string): AuthorizedKeysLine[] {
  const entries = parseAuthorizedKeys(text);
  const bad = entries.findIndex((entry) => entry.kind === "invalid");
  if (bad >= 0) fail(`${path} line ${bad + 1} failed ssh-keygen check.`, "invalid-authorized-keys");
  return entries;
}

/**
 * Read-modify-write of authorized_keys under its lock: the `.ssh` dir 0700, the file 0600,
 * both for the state owner, replaced atomically and only when the text changed.
 */
async function withAuthorizedKeys<T>(
  ctx: Context,
  change: (text: string, entries: AuthorizedKeysLine[]) => { text: string; result: T },
): Promise<T> {
  const dir = sshDir(ctx.paths);
  const path = authorizedKeysPath(ctx.paths);
  ensureDir(dir, ctx.owner, 0o700);
  using _lock = await acquireLock(`${dir}/authorized_keys.lock`, {
    owner: ctx.owner,
    busyMessage: `Another command is changing ${path}; try again`,
  });
  const before = readText(path);
  const { text, result } = change(before, checkedEntries(path, before));
  if (text !== before) atomicWriteFileSync(path, text, { mode: 0o600, owner: ctx.owner });
  return result;
}
