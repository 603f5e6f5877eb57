import { readdirSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { pluginDataDir } from "../../core/paths";
import type { StorageAttachment, StorageEntry } from "../../builders/storage-mount";
import type { StorageMount } from "../../builders/storage-fragment";
import { allApps } from "../apps/app-list";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { acquireLock, type FileLock } from "../../store/file-lock";

export const STORAGE_PLUGIN = "storage";
/** The per-app property: one attachment JSON object per line, as Dokku's `mounts` property list. */
export const MOUNTS = "mounts";

/** `$DOKKU_LIB_ROOT/data/storage`: where `storage:ensure-directory` makes directories; never deleted by us. */
export function storageDirectory(ctx: Pick<Context, "paths">): string {
  return pluginDataDir(ctx.paths, "storage");
}

/** `$DOKKU_LIB_ROOT/data/storage-registry/entries`: one `<name>.json` per storage entry, global. */
export function entriesDirectory(ctx: Pick<Context, "paths">): string {
  return `${pluginDataDir(ctx.paths, "storage-registry")}/entries`;
}

export function loadAttachments(ctx: Pick<Context, "store">, app: string): StorageAttachment[] {
  return ctx.store.getList(STORAGE_PLUGIN, app, MOUNTS).map((line, index) => {
    try {
      return JSON.parse(line) as StorageAttachment;
    } catch {
      return fail(
        `Unable to parse storage attachment ${index + 1} of ${app}: ${ctx.store.path(STORAGE_PLUGIN, app, MOUNTS)}`,
      );
    }
  });
}

/** Writes the app's attachments; none removes the property. */
export function saveAttachments(
  ctx: Pick<Context, "store">,
  app: string,
  attachments: readonly StorageAttachment[],
): void {
  if (attachments.length === 0) ctx.store.delete(STORAGE_PLUGIN, app, MOUNTS);
  else
    ctx.store.setList(
      STORAGE_PLUGIN,
      app,
      MOUNTS,
      attachments.map((attachment) => JSON.stringify(attachment)),
    );
}

export function loadEntry(ctx: Pick<Context, "paths">, name: string): StorageEntry | undefined {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) fail(`Invalid storage entry name: ${JSON.stringify(name)}`);
  let text: string;
  try {
    text = readFileSync(`${entriesDirectory(ctx)}/${name}.json`, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as StorageEntry;
  } catch {
    return fail(`Unable to parse storage entry ${name}`);
  }
}

/** Writes an entry as Dokku does (indented JSON, 0600), owned by the state owner. */
export function saveEntry(ctx: Pick<Context, "paths" | "owner">, entry: StorageEntry): void {
  atomicWriteFileSync(`${entriesDirectory(ctx)}/${entry.name}.json`, JSON.stringify(entry, null, 2), {
    mode: 0o600,
    owner: ctx.owner,
  });
}

/** Removes an entry's record; a missing one is already gone. */
export function deleteEntry(ctx: Pick<Context, "paths">, name: string): void {
  rmSync(`${entriesDirectory(ctx)}/${name}.json`, { force: true });
}

/**
 * Serialises writers of the global entry registry (create, destroy, mount, migrate), so an entry
 * cannot be destroyed while another command attaches it. Taken before any app lock.
 */
export function lockRegistry(ctx: Pick<Context, "paths" | "owner">, timeoutMs = 30_000): Promise<FileLock> {
  return acquireLock(`${pluginDataDir(ctx.paths, "storage-registry")}/registry.lock`, {
    timeoutMs,
    owner: ctx.owner,
    busyMessage: `Storage entries are busy: another command holds their lock (waited ${Math.round(timeoutMs / 1000)}s)`,
  });
}

/** Every app (visible or not) with an attachment of the entry, sorted. */
export function appsUsingEntry(ctx: Pick<Context, "paths" | "store">, name: string): string[] {
  return allApps(ctx)
    .filter((app) => loadAttachments(ctx, app).some((attachment) => attachment.entry_name === name))
    .sort();
}

/** Every registered entry, sorted by name. */
export function listEntries(ctx: Pick<Context, "paths">): StorageEntry[] {
  let names: string[];
  try {
    names = readdirSync(entriesDirectory(ctx));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .map((name) => name.slice(0, -".json".length))
    .sort()
    .flatMap((name) => loadEntry(ctx, name) ?? []);
}

/** The app's attachments joined with their entries; a missing entry is refused (a mount must not silently vanish). */
export function appMounts(ctx: Pick<Context, "paths" | "store">, app: string): StorageMount[] {
  return loadAttachments(ctx, app).map((attachment) => {
    const entry = loadEntry(ctx, attachment.entry_name);
    if (!entry)
      fail(`attachment on "${app}" references missing entry "${attachment.entry_name}"`, "storage-entry-missing");
    return { attachment, entry };
  });
}
