import { posix } from "node:path";
import { fail } from "../core/errors";
import { hasControlCharacter } from "../core/terminal-text";
import { chownId } from "./storage-directory";
import { assertOutsideDokkuRoot, type StorageEntry } from "./storage-mount";

/** Dokku's only scheduler for entries here; k3s entries are Dokku's and refused. */
export const SCHEDULER_DOCKER_LOCAL = "docker-local";
/** Names Dokku reserves for entries the migration synthesizes. */
export const LEGACY_PREFIX = "legacy-";
/** Dokku's cap: the helm release `storage-<name>` stays within 53 characters. */
export const MAX_ENTRY_NAME = 45;
export const RECLAIM_POLICIES = ["Retain", "Delete"] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DOCKER_VOLUME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const DIRECTORY_MODE = /^[0-7]{3,4}$/;
/** Docker's volume names are bounded by nothing but sense; ours by this. */
const MAX_VOLUME_NAME = 255;

/** What `storage:create` was asked. */
export interface CreateEntryInput {
  readonly name: string | undefined;
  readonly path: string | undefined;
  readonly scheduler: string | undefined;
  readonly chown: string | undefined;
  readonly mode: string | undefined;
  readonly reclaimPolicy: string | undefined;
}

/** Where entries may point: the default directories live under `storageRoot`; nothing in `dokkuRoot`. */
export interface EntryRoots {
  readonly storageRoot: string;
  readonly dokkuRoot: string;
}

/** Refuses a name Dokku refuses for an entry (and a `legacy-` one unless allowed). Pure. */
export function assertEntryName(name: string | undefined, allowLegacy = false): string {
  if (name === undefined || name === "") fail("storage entry name is required", "usage");
  if (name.length > MAX_ENTRY_NAME)
    fail(
      `storage entry name ${JSON.stringify(name)} is too long (max ${MAX_ENTRY_NAME} characters); helm release names cap our budget`,
      "invalid-entry",
    );
  if (!DNS_LABEL.test(name))
    fail(
      `storage entry name ${JSON.stringify(name)} must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)`,
      "invalid-entry",
    );
  if (!allowLegacy && name.startsWith(LEGACY_PREFIX))
    fail(
      `storage entry name ${JSON.stringify(name)} must not start with reserved prefix ${JSON.stringify(LEGACY_PREFIX)}`,
      "invalid-entry",
    );
  return name;
}

/** `755` -> `0755`, as Dokku stores it; empty is no mode. Refused unless 3 or 4 octal digits. Pure. */
export function normalizeDirectoryMode(mode: string | undefined): string | undefined {
  if (mode === undefined || mode === "") return undefined;
  if (!DIRECTORY_MODE.test(mode))
    fail(
      `Unsupported directory mode ${JSON.stringify(mode)}. Value must be a 3 or 4 digit octal mode, such as 0755`,
      "invalid-mode",
    );
  return mode.length === 3 ? `0${mode}` : mode;
}

/** The directory an entry gets when `storage:create` names no path: `<storage root>/<name>`. Pure. */
export function defaultHostPath(roots: Pick<EntryRoots, "storageRoot">, name: string): string {
  return `${roots.storageRoot.replace(/\/+$/, "")}/${name}`;
}

/**
 * The entry `storage:create` registers, validated as Dokku validates it plus our bounds: a host
 * path is the default directory, a directory under the storage root, or a docker volume name;
 * `--chown`, `--mode` and `--reclaim-policy Delete` only on the default directory (Dokku's
 * rule: its root helpers touch nothing else). Pure.
 */
export function buildEntry(input: CreateEntryInput, roots: EntryRoots): StorageEntry {
  const name = assertEntryName(input.name);
  const scheduler = input.scheduler || SCHEDULER_DOCKER_LOCAL;
  if (scheduler !== SCHEDULER_DOCKER_LOCAL)
    fail(
      `storage entry ${JSON.stringify(name)} has unsupported scheduler ${JSON.stringify(scheduler)} (supported: ${SCHEDULER_DOCKER_LOCAL})`,
      "invalid-entry",
    );
  const fallback = defaultHostPath(roots, name);
  const hostPath = input.path || fallback;
  const mode = normalizeDirectoryMode(input.mode);
  const chown = input.chown || undefined;
  if (chown !== undefined) chownId(chown);
  const reclaim = input.reclaimPolicy || undefined;
  if (reclaim !== undefined && !(RECLAIM_POLICIES as readonly string[]).includes(reclaim))
    fail(
      `storage entry ${JSON.stringify(name)} has unsupported reclaim policy ${JSON.stringify(reclaim)}`,
      "invalid-entry",
    );
  if (chown !== undefined && chown !== "false") requireDefaultPath(hostPath, fallback, "--chown");
  if (mode !== undefined) requireDefaultPath(hostPath, fallback, "--mode");
  if (reclaim === "Delete" && hostPath !== fallback)
    fail(
      `storage entry ${JSON.stringify(name)} (docker-local) only accepts --reclaim-policy Delete on the default host path (${fallback})`,
      "invalid-entry",
    );
  assertEntryHostPath(name, hostPath, roots);
  return {
    name,
    scheduler,
    host_path: hostPath,
    ...(chown !== undefined ? { chown } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(reclaim !== undefined ? { reclaim_policy: reclaim } : {}),
    schema_version: 1,
  };
}

/** Dokku's refusal of a flag its root helpers implement only on the default directory. Pure. */
export function requireDefaultPath(hostPath: string, fallback: string, flag: string): void {
  if (hostPath !== fallback)
    fail(
      `${flag} is only supported when the storage entry uses the default host path (${fallback}); omit ${flag} and manage ${hostPath} manually`,
      "invalid-entry",
    );
}

/**
 * A named entry's host path: a docker volume name, or a normalized absolute path inside the
 * storage root (never the root itself, never through `..`). Pure.
 */
export function assertEntryHostPath(name: string, hostPath: string, roots: EntryRoots): void {
  if (hasControlCharacter(hostPath)) fail("Host path must not contain control characters", "invalid-entry");
  if (!hostPath.startsWith("/")) {
    if (!DOCKER_VOLUME.test(hostPath) || hostPath.length > MAX_VOLUME_NAME)
      fail(
        `storage entry ${JSON.stringify(name)} host_path must be an absolute path or a docker named volume token, got ${JSON.stringify(hostPath)}`,
        "invalid-entry",
      );
    return;
  }
  const root = posix.normalize(roots.storageRoot).replace(/\/+$/, "");
  if (hostPath.split("/").includes("..") || posix.normalize(hostPath) !== hostPath || hostPath.endsWith("/"))
    fail(`Host path must be a normalized absolute path: ${hostPath}`, "invalid-entry");
  if (!hostPath.startsWith(`${root}/`))
    fail(
      `Host path of a storage entry must be under the storage root ${root}/ or a docker volume name: ${hostPath}`,
      "invalid-entry",
    );
  assertOutsideDokkuRoot(hostPath, roots.dokkuRoot);
}

/** `storage:info` as Dokku prints it: the heading's text, then `Label:  value` lines for the fields set. Pure. */
export function entryInfoLines(entry: StorageEntry): { heading: string; details: string[] } {
  const fields: Array<[string, string | undefined]> = [
    ["Scheduler:", entry.scheduler],
    ["Host path:", entry.host_path],
    ["Chown:", entry.chown],
    ["Mode:", entry.mode],
    ["Reclaim policy:", entry.reclaim_policy],
  ];
  return {
    heading: `Storage entry ${entry.name}`,
    details: fields.filter(([, value]) => value).map(([label, value]) => `${label.padEnd(18)}${value}`),
  };
}
