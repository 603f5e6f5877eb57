import { chmodSync, lstatSync, mkdirSync, realpathSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { failpoint } from "../../core/failpoint";
import { chownId } from "../../builders/storage-directory";
import {
  assertEntryName,
  buildEntry,
  type CreateEntryInput,
  defaultHostPath,
  entryInfoLines,
  requireDefaultPath,
  SCHEDULER_DOCKER_LOCAL,
} from "../../builders/storage-entry";
import type { StorageEntry } from "../../builders/storage-mount";
import { chownTo } from "../../store/ownership";
import { confirmDestruction } from "../apps/destroy";
import { chownTree } from "./ensure-directory";
import {
  appsUsingEntry,
  deleteEntry,
  listEntries,
  loadEntry,
  lockRegistry,
  saveEntry,
  storageDirectory,
} from "./state";

const roots = (ctx: Pick<Context, "paths">) => ({ storageRoot: storageDirectory(ctx), dokkuRoot: ctx.paths.dokkuRoot });

/**
 * `storage:create <name> [<path>] [--chown c] [--mode m] [--reclaim-policy p]`: registers the entry
 * and converges its directory (made, then mode, then owner), so re-running it is how a
 * declarative caller applies a change. The directory comes first: a crash before the entry is
 * written leaves an empty directory and no entry, and the next run finishes.
 */
export async function createEntry(ctx: Context, input: CreateEntryInput): Promise<void> {
  const entry = buildEntry(input, roots(ctx));
  using _lock = await lockRegistry(ctx);
  const existing = loadEntry(ctx, entry.name);
  if (existing) {
    if (existing.scheduler !== entry.scheduler)
      fail(
        `storage entry ${JSON.stringify(entry.name)} already exists with scheduler ${JSON.stringify(existing.scheduler)}; refusing to redefine`,
      );
    if (existing.host_path !== entry.host_path)
      fail(
        `storage entry ${JSON.stringify(entry.name)} already exists with host path ${existing.host_path}; refusing to redefine`,
      );
    ctx.out.step(`Storage entry ${entry.name} already exists, leaving in place`);
  }
  if (entry.host_path?.startsWith("/")) ensureEntryDirectory(ctx, entry);
  failpoint(ctx.env, "storage-create:directory-ready");
  saveEntry(ctx, entry);
  ctx.out.step(`Storage entry ${entry.name} created`);
}

/** The entry's directory under the storage root: made if missing (never through a symlink), then chmod and chown. */
function ensureEntryDirectory(ctx: Context, entry: StorageEntry): void {
  const path = entry.host_path as string;
  const root = storageDirectory(ctx);
  mkdirSync(root, { recursive: true });
  const realRoot = realpathSync(root);
  const existing = statOrUndefined(path);
  if (existing && !existing.isDirectory())
    fail(`storage entry path ${path} exists but is not a directory`, "invalid-entry");
  if (!existing) {
    let parent = dirname(path);
    while (!statOrUndefined(parent)) parent = dirname(parent);
    const realParent = realpathSync(parent);
    if (realParent !== realRoot && !realParent.startsWith(`${realRoot}/`))
      fail(`storage entry path ${path} leaves the storage root ${root} through a symlink`, "invalid-entry");
    mkdirSync(path, { recursive: true, mode: 0o755 });
    chownTo(path, ctx.owner);
    ctx.out.detail(`Created ${path}`);
  }
  if (entry.mode !== undefined) {
    ctx.out.detail(`Setting directory mode to ${entry.mode}`);
    try {
      chmodSync(path, Number.parseInt(entry.mode, 8));
    } catch (error) {
      fail(
        `Unable to set directory mode: ${(error as NodeJS.ErrnoException).code === "EPERM" ? `only root or its owner can chmod ${path}` : (error as Error).message}`,
      );
    }
  }
  const uid = entry.chown === undefined ? undefined : chownId(entry.chown);
  if (uid !== undefined) {
    ctx.out.detail(`Setting directory ownership to ${uid}:${uid}`);
    chownTree(path, uid);
  }
}

/** lstat, or undefined when nothing is there: a symlink is "something" and never a directory. */
function statOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * `storage:destroy <name> [--force] [--destroy-host-dir]`: refused while any app mounts it; asks
 * unless forced; removes the default directory only with --destroy-host-dir or reclaim policy
 * Delete. The directory goes before the record, so a crash between them leaves an entry the next
 * destroy finishes.
 */
export async function destroyEntry(
  ctx: Context,
  nameArg: string | undefined,
  options: { force: boolean; destroyHostDir: boolean },
): Promise<void> {
  if (nameArg === undefined || nameArg === "") fail("storage entry name is required", "usage");
  const entry = requireEntry(ctx, nameArg);
  const removeDir = hostDirToRemove(ctx, entry, options.destroyHostDir);
  assertUnused(ctx, entry.name);
  const force = options.force || ctx.flags.force || ctx.env.DOKKU_APPS_FORCE_DELETE === "1";
  if (!force) {
    if (removeDir)
      ctx.out.warn(
        `Storage entry ${entry.name} is backed by ${entry.host_path}, which will be removed along with its contents.`,
      );
    await confirmDestruction(ctx, entry.name, "storage entry");
  }
  using _lock = await lockRegistry(ctx);
  requireEntry(ctx, entry.name);
  assertUnused(ctx, entry.name);
  if (removeDir) {
    const removed = removeEntryDirectory(removeDir);
    failpoint(ctx.env, "storage-destroy:directory-removed");
    if (removed) ctx.out.detail(`Removed ${removeDir}`);
  }
  deleteEntry(ctx, entry.name);
  ctx.out.step(`Storage entry ${entry.name} destroyed`);
}

function requireEntry(ctx: Context, name: string): StorageEntry {
  assertEntryName(name, true);
  const entry = loadEntry(ctx, name);
  if (!entry) fail(`storage entry ${JSON.stringify(name)} does not exist`, "entry-missing");
  return entry;
}

function assertUnused(ctx: Context, name: string): void {
  const using = appsUsingEntry(ctx, name);
  if (using.length > 0)
    fail(`storage entry ${JSON.stringify(name)} is still mounted by app(s): ${using.join(", ")}`, "entry-in-use");
}

/** The directory a destroy removes, if any: only ever `<storage root>/<name>`. */
function hostDirToRemove(ctx: Context, entry: StorageEntry, destroyHostDir: boolean): string | undefined {
  if (!destroyHostDir && entry.reclaim_policy !== "Delete") return undefined;
  const fallback = defaultHostPath(roots(ctx), entry.name);
  if (entry.host_path === fallback) return fallback;
  if (destroyHostDir) requireDefaultPath(entry.host_path ?? entry.name, fallback, "--destroy-host-dir");
  ctx.out.warn(`Leaving ${entry.host_path} in place; reclaim policy Delete only removes the default host path`);
  return undefined;
}

/** `rm -rf` of a directory under the storage root, true when there was one; a non-directory (or symlink) is refused. */
function removeEntryDirectory(path: string): boolean {
  const stat = statOrUndefined(path);
  if (!stat) return false;
  if (!stat.isDirectory()) fail(`${path} exists but is not a directory`, "invalid-entry");
  rmSync(path, { recursive: true, force: true });
  return true;
}

/** `storage:info <name> [--format text|json]`. */
export function entryInfo(ctx: Context, nameArg: string | undefined, format: string | undefined): void {
  if (nameArg === undefined || nameArg === "") fail("storage entry name is required", "usage");
  const entry = requireEntry(ctx, nameArg);
  if (textOrJson(format) === "json") {
    ctx.out.print(JSON.stringify(entry, null, 2));
    return;
  }
  const { heading, details } = entryInfoLines(entry);
  ctx.out.step(heading);
  for (const line of details) ctx.out.detail(line);
}

/** `storage:list-entries [--scheduler s] [--format text|json]`. */
export function listEntriesCommand(ctx: Context, scheduler: string | undefined, format: string | undefined): void {
  const json = textOrJson(format) === "json";
  if (scheduler !== undefined && scheduler !== "" && scheduler !== SCHEDULER_DOCKER_LOCAL && scheduler !== "k3s")
    fail(`Unsupported scheduler ${JSON.stringify(scheduler)} (supported: docker-local, k3s)`, "usage");
  const entries = listEntries(ctx).filter((entry) => !scheduler || entry.scheduler === scheduler);
  if (json) {
    ctx.out.print(JSON.stringify(entries, null, 2));
    return;
  }
  if (entries.length === 0) {
    ctx.out.step("No storage entries registered");
    return;
  }
  ctx.out.step("Storage entries:");
  for (const entry of entries) ctx.out.detail(`${entry.name}\t${entry.scheduler}\t${entry.host_path ?? ""}`);
}

function textOrJson(format: string | undefined): "text" | "json" {
  if (format === undefined || format === "text") return "text";
  if (format === "json") return "json";
  return fail("Invalid --format value specified", "invalid-format");
}
