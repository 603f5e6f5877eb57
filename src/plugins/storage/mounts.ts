import { realpathSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import {
  assertOutsideDokkuRoot,
  formatMount,
  legacyAttachment,
  legacyEntryFor,
  listRow,
  normalizeContainerPath,
  parseMountSpec,
  parseNewMount,
  type StorageListRow,
} from "../../builders/storage-mount";
import { mountsForPhase } from "../../builders/storage-fragment";
import { withAppLock } from "../../store/app-lock";
import { appMounts, loadAttachments, loadEntry, saveAttachments, saveEntry } from "./state";

/**
 * `storage:mount <app> host-path:container-path[:options]`: the colon form. The mount gets
 * Dokku's `legacy-<hash>` entry (shared by every app mounting that host path) and an attachment
 * for deploy and run; it applies from the next deploy or `run`.
 */
export async function mountStorage(ctx: Context, appArg: string | undefined, spec: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const mount = parseNewMount(spec, ctx.paths.dokkuRoot);
  assertOutsideDokkuRoot(realOrSelf(mount.hostPath), realOrSelf(ctx.paths.dokkuRoot));
  const entry = legacyEntryFor(mount.hostPath);
  const attachment = legacyAttachment(entry, mount);
  await withAppLock(ctx, app, () => {
    const attachments = loadAttachments(ctx, app);
    const target = normalizeContainerPath(mount.containerPath);
    for (const existing of attachments) {
      if (
        existing.entry_name === entry.name &&
        existing.container_path === mount.containerPath &&
        existing.process_type === attachment.process_type
      ) {
        fail("Mount path already exists.", "mount-exists");
      }
      if (normalizeContainerPath(existing.container_path) === target) {
        const from = loadEntry(ctx, existing.entry_name)?.host_path ?? existing.entry_name;
        fail(`Container path ${mount.containerPath} is already mounted from ${from}`, "mount-exists");
      }
    }
    const current = loadEntry(ctx, entry.name);
    if (current === undefined) saveEntry(ctx, entry);
    else if (current.host_path !== entry.host_path)
      fail(`Storage entry ${entry.name} already exists for ${current.host_path ?? "another volume"}`);
    saveAttachments(ctx, app, [...attachments, attachment]);
  });
}

/** `storage:unmount <app> host-path:container-path`: refused when the app has no such mount. Entries and data stay. */
export async function unmountStorage(
  ctx: Context,
  appArg: string | undefined,
  spec: string | undefined,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const mount = parseMountSpec(spec);
  const entry = legacyEntryFor(mount.hostPath);
  await withAppLock(ctx, app, () => {
    const attachments = loadAttachments(ctx, app);
    const keep = attachments.filter(
      (attachment) => !(attachment.entry_name === entry.name && attachment.container_path === mount.containerPath),
    );
    if (keep.length === attachments.length) fail("Mount path does not exist.", "mount-missing");
    saveAttachments(ctx, app, keep);
  });
}

/** The app's mounts of one phase as `storage:list` rows, sorted as Dokku sorts them. */
export function listRows(ctx: Context, app: string, phase: string): StorageListRow[] {
  return mountsForPhase(appMounts(ctx, app), phase).map(({ attachment, entry }) => listRow(attachment, entry));
}

/** `storage:list <app> [--format text|json]`. */
export function listStorage(ctx: Context, appArg: string | undefined, format: string | undefined): void {
  const app = verifyApp(ctx, appArg);
  const chosen = format ?? "text";
  if (chosen !== "text" && chosen !== "json") fail("Invalid --format value specified", "invalid-format");
  const rows = listRows(ctx, app, "deploy");
  if (chosen === "json") {
    ctx.out.print(JSON.stringify(rows));
    return;
  }
  ctx.out.step(`${app} volume bind-mounts:`);
  for (const row of rows) {
    if (ctx.out.quiet) ctx.out.print(formatMount(row));
    else ctx.out.detail(formatMount(row));
  }
}

function realOrSelf(path: string): string {
  if (!path.startsWith("/")) return path;
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
