import { realpathSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail, isDokkuError } from "../../core/errors";
import {
  assertOutsideDokkuRoot,
  formatMount,
  legacyAttachment,
  legacyEntryFor,
  listRow,
  parseMountSpec,
  parseNewMount,
  type StorageListRow,
} from "../../builders/storage-mount";
import { mountsForPhase } from "../../builders/storage-fragment";
import {
  linuxOnlyOptions,
  namedAttachment,
  removeAttachment,
  sameAttachment,
  upsertAttachment,
  type NamedMountFlags,
} from "../../builders/storage-attachment";
import { assertEntryName } from "../../builders/storage-entry";
import { withAppLock } from "../../store/app-lock";
import { appMounts, loadAttachments, loadEntry, lockRegistry, saveAttachments, saveEntry } from "./state";

/** What `storage:mount` and `storage:unmount` were given: the app, an entry name or a colon-form mount, the flags. */
export interface MountRequest {
  readonly app: string | undefined;
  readonly target: string | undefined;
  readonly flags: NamedMountFlags;
}

/**
 * `storage:mount <app> <entry> --container-dir <path> [flags]`, or the colon form
 * `storage:mount <app> host-path:container-path[:options]`. Either applies from the next deploy
 * or `run`; mounting an entry again at the same container path rewrites it in place.
 */
export async function mountStorage(ctx: Context, request: MountRequest): Promise<void> {
  if (isColonForm(request.target)) return mountColon(ctx, request.app, request.target);
  const app = verifyApp(ctx, request.app);
  if (request.target === undefined || request.target === "")
    fail("Please specify a storage entry or a mount path, as host-path:container-path", "usage");
  const name = assertEntryName(request.target, true);
  const attachment = namedAttachment(name, request.flags);
  using _registry = await lockRegistry(ctx);
  const entry = loadEntry(ctx, name);
  if (!entry)
    fail(
      `storage entry ${JSON.stringify(name)} does not exist; create it first with \`dokku storage:create\``,
      "entry-missing",
    );
  if (attachment.subpath && !entry.host_path?.startsWith("/"))
    fail(`--volume-subpath needs an entry with a host directory; ${name} is a docker volume`, "invalid-mount");
  const created = await withAppLock(ctx, app, () => {
    const result = upsertAttachment(loadAttachments(ctx, app), attachment, (other) => hostOf(ctx, other));
    saveAttachments(ctx, app, result.attachments);
    return result.created;
  });
  const refused = linuxOnlyOptions(attachment.volume_options?.split(",") ?? []);
  if (refused.length > 0)
    ctx.out.warn(
      `Docker's bind mounts refuse ${refused.join(",")}: containers with this mount will not start until it goes`,
    );
  ctx.out.step(
    created
      ? `Storage entry ${name} mounted at ${attachment.container_path} on ${app}`
      : `Storage entry ${name} mount at ${attachment.container_path} on ${app} updated`,
  );
}

/** `host:container` (or a lone absolute path, refused by the colon form's checks) rather than an entry name. */
function isColonForm(target: string | undefined): target is string {
  return target !== undefined && (target.includes(":") || target.startsWith("/"));
}

function hostOf(ctx: Context, entryName: string): string {
  const entry = loadEntry(ctx, entryName);
  return entry?.host_path || entryName;
}

/**
 * The colon form: the mount gets Dokku's `legacy-<hash>` entry (shared by every app mounting that
 * host path) and an attachment for deploy and run.
 */
async function mountColon(ctx: Context, appArg: string | undefined, spec: string): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const mount = parseNewMount(spec, ctx.paths.dokkuRoot);
  assertOutsideDokkuRoot(realOrSelf(mount.hostPath), realOrSelf(ctx.paths.dokkuRoot));
  const entry = legacyEntryFor(mount.hostPath);
  const attachment = legacyAttachment(entry, mount);
  using _registry = await lockRegistry(ctx);
  await withAppLock(ctx, app, () => {
    const attachments = loadAttachments(ctx, app);
    if (attachments.some((existing) => sameAttachment(existing, attachment)))
      fail("Mount path already exists.", "mount-exists");
    const current = loadEntry(ctx, entry.name);
    if (current !== undefined && current.host_path !== entry.host_path)
      fail(`Storage entry ${entry.name} already exists for ${current.host_path ?? "another volume"}`);
    const next = upsertAttachment(attachments, attachment, (other) => hostOf(ctx, other)).attachments;
    if (current === undefined) saveEntry(ctx, entry);
    saveAttachments(ctx, app, next);
  });
}

/**
 * `storage:unmount <app> <entry> [--container-dir <path>]` or `storage:unmount <app>
 * host-path:container-path`: refused when the app has no such mount. Entries and data stay.
 */
export async function unmountStorage(ctx: Context, request: MountRequest): Promise<void> {
  const app = verifyApp(ctx, request.app);
  if (request.target === undefined || request.target === "")
    fail("Please specify a storage entry or a mount path, as host-path:container-path", "usage");
  const colon = isColonForm(request.target);
  const mount = colon ? parseMountSpec(request.target) : undefined;
  const name = mount ? legacyEntryFor(mount.hostPath).name : assertEntryName(request.target, true);
  const containerPath = mount ? mount.containerPath : request.flags.containerDir;
  await withAppLock(ctx, app, () => {
    const attachments = loadAttachments(ctx, app);
    try {
      saveAttachments(ctx, app, removeAttachment(attachments, app, name, containerPath));
    } catch (error) {
      // the colon form keeps Dokku's historical wording
      if (colon && isDokkuError(error) && error.code === "mount-missing")
        fail("Mount path does not exist.", "mount-missing");
      throw error;
    }
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
