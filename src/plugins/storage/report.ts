import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { parseFormat } from "../../core/report";
import { formatMount, listRow } from "../../builders/storage-mount";
import { mountsForPhase, type StorageMount } from "../../builders/storage-fragment";
import { GLOBAL } from "../../store/property-store";
import { visibleApps } from "../apps/app-list";
import { listEntries, loadAttachments, loadEntry } from "./state";

/** `-v host:container ...` of a phase, as Dokku's GetBindMountsForDisplay. Pure. */
export function mountsDisplay(mounts: readonly StorageMount[], phase: string): string {
  return mountsForPhase(mounts, phase)
    .map(({ attachment, entry }) => `-v ${formatMount(listRow(attachment, entry))}`)
    .join(" ");
}

/**
 * The storage report of an app, as Dokku's storage/report.go: build, deploy and run mounts,
 * then one `--storage-attachment.<n>.<field>` per field of each attachment, numbered from 1 in
 * the order they were mounted. An attachment whose entry is gone is skipped with a warning.
 */
export function storageReport(ctx: Pick<Context, "paths" | "store" | "out">, target: string): Report {
  if (target === GLOBAL) return { type: "storage", target, entries: {} };
  const mounts: StorageMount[] = [];
  for (const attachment of loadAttachments(ctx, target)) {
    const entry = loadEntry(ctx, attachment.entry_name);
    if (entry) mounts.push({ attachment, entry });
    else ctx.out.warn(`Skipping attachment on "${target}": missing entry "${attachment.entry_name}"`);
  }
  const entries: Record<string, string> = {
    "--storage-build-mounts": mountsDisplay(mounts, "build"),
    "--storage-deploy-mounts": mountsDisplay(mounts, "deploy"),
    "--storage-run-mounts": mountsDisplay(mounts, "run"),
  };
  mounts.forEach(({ attachment, entry }, index) => {
    const prefix = `--storage-attachment.${index + 1}.`;
    entries[`${prefix}entry-name`] = attachment.entry_name;
    entries[`${prefix}host-path`] = entry.host_path || entry.name;
    entries[`${prefix}container-path`] = attachment.container_path;
    entries[`${prefix}phases`] = attachment.phases.join(",");
    entries[`${prefix}process-type`] = attachment.process_type ?? "";
    entries[`${prefix}subpath`] = attachment.subpath ?? "";
    entries[`${prefix}readonly`] = String(attachment.readonly === true);
    entries[`${prefix}volume-options`] = attachment.volume_options ?? "";
    entries[`${prefix}volume-chown`] = attachment.volume_chown ?? "";
  });
  return { type: "storage", target, entries };
}

/** `storage:report --global`: every entry and the apps that mount it, as Dokku's CommandReportGlobal. */
export async function printGlobalStorageReport(ctx: Context, format: string | undefined): Promise<void> {
  const json = parseFormat(format) === "json";
  const apps = await visibleApps(ctx);
  const rows = listEntries(ctx).map((entry) => ({
    entry,
    mounted_by: apps.filter((app) =>
      loadAttachments(ctx, app).some((attachment) => attachment.entry_name === entry.name),
    ),
  }));
  if (json) return ctx.out.print(JSON.stringify(rows, null, 2));
  if (rows.length === 0) return ctx.out.step("No storage entries registered");
  ctx.out.step("Storage report (global):");
  for (const { entry, mounted_by } of rows) {
    ctx.out.detail(
      `${entry.name}\t${entry.scheduler}\tmounted by: ${mounted_by.length > 0 ? mounted_by.join(", ") : "—"}`,
    );
  }
}
