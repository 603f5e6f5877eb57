import { fail } from "../core/errors";
import { hasControlCharacter } from "../core/terminal-text";
import { isValidProcessType } from "./resource-values";
import { chownId } from "./storage-directory";
import {
  DEFAULT_PROCESS_TYPE,
  MOUNT_OPTIONS,
  normalizeContainerPath,
  STORAGE_PHASES,
  type StorageAttachment,
} from "./storage-mount";

/** Options docker's bind mounts refuse ("invalid mode") but Dokku stores: kept, with a warning. */
export const LINUX_ONLY_OPTIONS = ["noexec", "nosuid", "nodev", "exec", "suid", "dev"] as const;
const MAX_CONTAINER_PATH = 1024;
const SUBPATH = /^[A-Za-z0-9_.@+-]+(\/[A-Za-z0-9_.@+-]+)*$/;

/** The flags of `storage:mount <app> <entry> --container-dir ...`, as typed. */
export interface NamedMountFlags {
  readonly containerDir: string | undefined;
  readonly phases: readonly string[];
  readonly processType: string | undefined;
  readonly subpath: string | undefined;
  readonly readonly: boolean;
  readonly volumeOptions: string | undefined;
  readonly volumeChown: string | undefined;
}

/** No flags: the colon form, or a named mount with every default. */
export const NO_MOUNT_FLAGS: NamedMountFlags = {
  containerDir: undefined,
  phases: [],
  processType: undefined,
  subpath: undefined,
  readonly: false,
  volumeOptions: undefined,
  volumeChown: undefined,
};

/**
 * The attachment a named-entry mount makes, checked as Dokku checks it (a container dir is
 * required and absolute, phases are deploy and run) plus our bounds: no `..`, not `/`, no
 * control characters, a subpath inside the entry, known mount options, a valid chown and
 * process type. Pure.
 */
export function namedAttachment(entryName: string, flags: NamedMountFlags): StorageAttachment {
  const containerPath = flags.containerDir;
  if (containerPath === undefined || containerPath === "")
    fail("--container-dir is required when mounting a named storage entry", "usage");
  assertContainerPath(containerPath);
  const phases = flags.phases.length > 0 ? [...new Set(flags.phases)] : [...STORAGE_PHASES];
  for (const phase of phases) {
    if (!(STORAGE_PHASES as readonly string[]).includes(phase))
      fail(`attachment phase ${JSON.stringify(phase)} is not supported (must be "deploy" or "run")`, "invalid-mount");
  }
  const processType = flags.processType || DEFAULT_PROCESS_TYPE;
  if (!isValidProcessType(processType) || processType.length > 64)
    fail(`Invalid process type specified: ${JSON.stringify(processType)}`, "invalid-mount");
  const subpath = flags.subpath || undefined;
  if (
    subpath !== undefined &&
    (!SUBPATH.test(subpath) ||
      subpath.split("/").some((part) => part === ".." || part === ".") ||
      subpath.length > MAX_CONTAINER_PATH)
  )
    fail(`--volume-subpath must be a relative path inside the entry, without '.' or '..': ${subpath}`, "invalid-mount");
  const tokens = flags.volumeOptions ? flags.volumeOptions.split(",") : [];
  assertVolumeOptions([...tokens, ...(flags.readonly ? ["ro"] : [])]);
  // `ro` among the options is --volume-readonly, as the colon form hoists it
  const readonly = flags.readonly || tokens.includes("ro");
  const volumeOptions = tokens.filter((token) => token !== "ro").join(",") || undefined;
  const volumeChown = flags.volumeChown || undefined;
  if (volumeChown !== undefined) chownId(volumeChown);
  return {
    entry_name: entryName,
    container_path: containerPath,
    phases,
    process_type: processType,
    ...(subpath ? { subpath } : {}),
    ...(readonly ? { readonly: true } : {}),
    ...(volumeOptions ? { volume_options: volumeOptions } : {}),
    ...(volumeChown ? { volume_chown: volumeChown } : {}),
  };
}

/** An absolute container path, not the root, without `..` or control characters, bounded. Pure. */
export function assertContainerPath(path: string): void {
  if (!path.startsWith("/"))
    fail(`attachment container path ${JSON.stringify(path)} must be absolute`, "invalid-mount");
  if (path.length > MAX_CONTAINER_PATH)
    fail(`Container path too long (at most ${MAX_CONTAINER_PATH} characters)`, "invalid-mount");
  if (hasControlCharacter(path) || path.includes(":") || path.includes(","))
    fail(`Container path must not contain control characters, ':' or ',': ${JSON.stringify(path)}`, "invalid-mount");
  if (path.split("/").includes("..")) fail(`Storage paths must not contain '..': ${path}`, "invalid-mount");
  if (normalizeContainerPath(path) === "/")
    fail("Container path must not be the container's root (/)", "invalid-mount");
}

/** Every token a known mount option (docker's, or a Linux one Dokku stores); ro and rw not both. Pure. */
export function assertVolumeOptions(tokens: readonly string[]): void {
  const known: readonly string[] = [...MOUNT_OPTIONS, ...LINUX_ONLY_OPTIONS];
  for (const token of tokens) {
    if (!known.includes(token))
      fail(`Unsupported mount option '${token}', supported: ${known.join(", ")}`, "invalid-mount");
  }
  if (tokens.includes("ro") && tokens.includes("rw")) fail("A mount cannot be both ro and rw", "invalid-mount");
}

/** The options among `tokens` that docker's bind mounts refuse. Pure. */
export function linuxOnlyOptions(tokens: readonly string[]): string[] {
  return tokens.filter((token) => (LINUX_ONLY_OPTIONS as readonly string[]).includes(token));
}

/** Whether two attachments are the same mount in Dokku's eyes: entry, container path, process type. Pure. */
export function sameAttachment(a: StorageAttachment, b: StorageAttachment): boolean {
  return (
    a.entry_name === b.entry_name &&
    a.container_path === b.container_path &&
    (a.process_type ?? "") === (b.process_type ?? "")
  );
}

/**
 * Dokku's UpsertAttachment: the same (entry, container path, process type) is rewritten in place
 * (mount-time fields replaced, not merged), anything else appended. Refuses a second mount on
 * the same container path for an overlapping process type: docker would refuse the container.
 * Pure.
 */
export function upsertAttachment(
  attachments: readonly StorageAttachment[],
  attachment: StorageAttachment,
  hostOf: (entryName: string) => string,
): { attachments: StorageAttachment[]; created: boolean } {
  const index = attachments.findIndex((existing) => sameAttachment(existing, attachment));
  if (index >= 0) {
    const next = [...attachments];
    next[index] = attachment;
    return { attachments: next, created: false };
  }
  const target = normalizeContainerPath(attachment.container_path);
  for (const existing of attachments) {
    if (normalizeContainerPath(existing.container_path) !== target) continue;
    if (!overlaps(existing.process_type, attachment.process_type)) continue;
    if (!existing.phases.some((phase) => attachment.phases.includes(phase))) continue;
    fail(
      `Container path ${attachment.container_path} is already mounted from ${hostOf(existing.entry_name)}`,
      "mount-exists",
    );
  }
  return { attachments: [...attachments, attachment], created: true };
}

function overlaps(a: string | undefined, b: string | undefined): boolean {
  const left = a || DEFAULT_PROCESS_TYPE;
  const right = b || DEFAULT_PROCESS_TYPE;
  return left === DEFAULT_PROCESS_TYPE || right === DEFAULT_PROCESS_TYPE || left === right;
}

/**
 * Dokku's RemoveAttachment: the attachments of the entry (at the container path, when given)
 * go; none is refused, and several without a container path ask for one. Pure.
 */
export function removeAttachment(
  attachments: readonly StorageAttachment[],
  app: string,
  entryName: string,
  containerPath: string | undefined,
): StorageAttachment[] {
  const matches = (attachment: StorageAttachment) =>
    attachment.entry_name === entryName && (!containerPath || attachment.container_path === containerPath);
  const found = attachments.filter(matches);
  if (found.length === 0)
    fail(
      containerPath
        ? `storage entry ${JSON.stringify(entryName)} is not mounted at ${JSON.stringify(containerPath)} on app ${JSON.stringify(app)}`
        : `storage entry ${JSON.stringify(entryName)} is not mounted on app ${JSON.stringify(app)}`,
      "mount-missing",
    );
  if (found.length > 1 && !containerPath)
    fail(
      `storage entry ${JSON.stringify(entryName)} is mounted at multiple paths on app ${JSON.stringify(app)} (${found
        .map((attachment) => attachment.container_path)
        .sort()
        .join(", ")}); pass --container-dir to disambiguate`,
      "mount-ambiguous",
    );
  return attachments.filter((attachment) => !matches(attachment));
}
