import { createHash } from "node:crypto";
import { posix } from "node:path";
import { fail } from "../core/errors";
import { hasControlCharacter } from "../core/terminal-text";

/** Dokku's wildcard process type: the attachment applies to every process. */
export const DEFAULT_PROCESS_TYPE = "_default_";
export type StoragePhase = "deploy" | "run";
export const STORAGE_PHASES: readonly StoragePhase[] = ["deploy", "run"];

/** How one app uses a storage entry: one line of `config/storage/<app>/mounts`, as Dokku's Attachment JSON. */
export interface StorageAttachment {
  readonly entry_name: string;
  readonly container_path: string;
  readonly phases: readonly string[];
  readonly process_type?: string;
  readonly subpath?: string;
  readonly readonly?: boolean;
  readonly volume_options?: string;
  readonly volume_chown?: string;
}

/** A storage entry (`data/storage-registry/entries/<name>.json`), as Dokku's Entry; its docker-local fields. */
export interface StorageEntry {
  readonly name: string;
  readonly scheduler: string;
  readonly host_path?: string;
  /** `--chown` of `storage:create`: who owns the default directory, and who `storage:exec` runs as. */
  readonly chown?: string;
  /** `--mode`: the default directory's octal mode, 4 digits. */
  readonly mode?: string;
  /** `Retain` (default) or `Delete`: whether `storage:destroy` removes the default directory. */
  readonly reclaim_policy?: string;
  readonly schema_version: number;
}

/** A `host:container[:options]` mount, split as Dokku's ParseMountPath: `ro` hoisted out of the options. */
export interface MountSpec {
  readonly hostPath: string;
  readonly containerPath: string;
  readonly readonly: boolean;
  readonly volumeOptions: string;
}

/** One row of `storage:list`, in Dokku's JSON shape (readonly and volume_options only when set). */
export interface StorageListRow {
  readonly entry_name: string;
  readonly host_path: string;
  readonly container_path: string;
  readonly readonly?: true;
  readonly volume_options?: string;
}

/** The options docker accepts after the container path of a bind or volume mount. */
export const MOUNT_OPTIONS = [
  "ro",
  "rw",
  "z",
  "Z",
  "shared",
  "rshared",
  "slave",
  "rslave",
  "private",
  "rprivate",
  "nocopy",
  "consistent",
  "cached",
  "delegated",
] as const;

const TWO_PATHS = "Storage path must be two valid paths divided by colon.";
const VOLUME_NAME =
  "Volume name must be two characters or more. Volume name must not contain invalid characters. Storage path must be two valid paths divided by colon.";

/**
 * Checks the form of a mount as Dokku's VerifyPaths does (an absolute host path or a docker
 * volume name, then an absolute container path) and splits it. Enough to find a mount to
 * remove; `parseNewMount` adds the checks for a mount to create. Pure.
 */
export function parseMountSpec(spec: string | undefined): MountSpec {
  if (spec === undefined || spec === "") fail("Please specify a mount path, as host-path:container-path", "usage");
  if (hasControlCharacter(spec)) fail("Storage path must not contain control characters", "invalid-mount");
  const [host = "", container, options] = splitMount(spec);
  if (host.startsWith("/")) {
    if (!/^\/.*:\//.test(spec)) fail(TWO_PATHS, "invalid-mount");
  } else {
    if (host.startsWith(".") || host.startsWith("~") || host.includes("/")) {
      fail(`Host path must be absolute or a docker volume name: ${host}`, "invalid-mount");
    }
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+:\//.test(spec)) fail(VOLUME_NAME, "invalid-mount");
  }
  if (container === undefined || container === "") fail(TWO_PATHS, "invalid-mount");
  const tokens = options ? options.split(",") : [];
  return {
    hostPath: host,
    containerPath: container,
    readonly: tokens.includes("ro"),
    volumeOptions: tokens.filter((token) => token !== "ro").join(","),
  };
}

/** A mount to create: parseMountSpec plus no `..`, not the container's root, known options, not in DOKKU_ROOT. Pure. */
export function parseNewMount(spec: string | undefined, dokkuRoot: string): MountSpec {
  const mount = parseMountSpec(spec);
  for (const path of [mount.hostPath, mount.containerPath]) {
    if (path.split("/").includes("..")) fail(`Storage paths must not contain '..': ${path}`, "invalid-mount");
  }
  if (normalizeContainerPath(mount.containerPath) === "/")
    fail("Container path must not be the container's root (/)", "invalid-mount");
  const tokens = [...(mount.readonly ? ["ro"] : []), ...(mount.volumeOptions ? mount.volumeOptions.split(",") : [])];
  for (const token of tokens) {
    if (!(MOUNT_OPTIONS as readonly string[]).includes(token)) {
      fail(`Unsupported mount option '${token}', supported: ${MOUNT_OPTIONS.join(", ")}`, "invalid-mount");
    }
  }
  if (tokens.includes("ro") && tokens.includes("rw")) fail("A mount cannot be both ro and rw", "invalid-mount");
  assertOutsideDokkuRoot(mount.hostPath, dokkuRoot);
  return mount;
}

/** Refuses a host path that is DOKKU_ROOT or inside it (its repos and authorized_keys). Pure. */
export function assertOutsideDokkuRoot(hostPath: string, dokkuRoot: string): void {
  if (!hostPath.startsWith("/")) return;
  const root = posix.normalize(dokkuRoot).replace(/\/+$/, "") || "/";
  const host = posix.normalize(hostPath).replace(/\/+$/, "") || "/";
  if (host === root || host.startsWith(`${root}/`)) {
    fail(`Host path must not be inside DOKKU_ROOT (${dokkuRoot}): ${hostPath}`, "invalid-mount");
  }
}

/** `/app/data/` and `/app//data` are `/app/data`: for spotting two mounts on one container path. Pure. */
export function normalizeContainerPath(path: string): string {
  return posix.normalize(path).replace(/(.)\/+$/, "$1");
}

/**
 * The entry Dokku synthesizes for a colon-form mount: `legacy-` and the first ten hex digits of
 * the sha1 of the host path (`vol:<name>` for a docker volume), so every app mounting one host
 * path shares one entry. Pure.
 */
export function legacyEntryFor(hostPath: string): StorageEntry {
  const input = hostPath.startsWith("/") ? hostPath : `vol:${hostPath}`;
  const name = `legacy-${createHash("sha1").update(input).digest("hex").slice(0, 10)}`;
  return { name, scheduler: "docker-local", host_path: hostPath, schema_version: 1 };
}

/** The attachment a colon-form mount makes: deploy and run, every process type. Pure. */
export function legacyAttachment(entry: StorageEntry, mount: MountSpec): StorageAttachment {
  return {
    entry_name: entry.name,
    container_path: mount.containerPath,
    phases: [...STORAGE_PHASES],
    process_type: DEFAULT_PROCESS_TYPE,
    ...(mount.readonly ? { readonly: true } : {}),
    ...(mount.volumeOptions ? { volume_options: mount.volumeOptions } : {}),
  };
}

/** A list row from an attachment and its entry (an entry without host path shows its name). Pure. */
export function listRow(attachment: StorageAttachment, entry: StorageEntry): StorageListRow {
  return {
    entry_name: entry.name,
    host_path: entry.host_path || entry.name,
    container_path: attachment.container_path,
    ...(attachment.readonly ? { readonly: true as const } : {}),
    ...(attachment.volume_options ? { volume_options: attachment.volume_options } : {}),
  };
}

/** `host:container[:ro,opts]`, the colon form `storage:list` prints and docker's Binds take. Pure. */
export function formatMount(
  row: Pick<StorageListRow, "host_path" | "container_path" | "readonly" | "volume_options">,
): string {
  const options = [...(row.readonly ? ["ro"] : []), ...(row.volume_options ? [row.volume_options] : [])].join(",");
  return options ? `${row.host_path}:${row.container_path}:${options}` : `${row.host_path}:${row.container_path}`;
}

function splitMount(spec: string): [string, string | undefined, string | undefined] {
  const first = spec.indexOf(":");
  if (first === -1) return [spec, undefined, undefined];
  const second = spec.indexOf(":", first + 1);
  if (second === -1) return [spec.slice(0, first), spec.slice(first + 1), undefined];
  return [spec.slice(0, first), spec.slice(first + 1, second), spec.slice(second + 1)];
}
