import { rmSync, statSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail, isDokkuError } from "../../core/errors";
import { failpoint } from "../../core/failpoint";
import { pluginDataDir } from "../../core/paths";
import { DEFAULT_PROCESS, parseOption } from "../../builders/docker-options-parse";
import { legacyMigrationPlan, type LegacyLine } from "../../builders/storage-migrate";
import { withAppLock } from "../../store/app-lock";
import { allApps } from "../apps/app-list";
import { storedOptions, writeOptions } from "../docker-options/properties";
import { loadAttachments, loadEntry, lockRegistry, saveAttachments, saveEntry, STORAGE_PLUGIN } from "./state";

/** Dokku's per-app marker: legacy `-v` lines were drained into entries and attachments. */
export const MIGRATED = "legacy-mounts-migrated";

/** `storage:migrate <app>|--all`: moves each app's docker-options `-v` lines into storage entries. */
export async function migrateStorage(ctx: Context, appArg: string | undefined, all: boolean): Promise<void> {
  if (all && appArg) fail("storage:migrate accepts either an app name or --all, not both", "usage");
  if (!all && !appArg) fail("storage:migrate requires an app name (or --all)", "usage");
  if (all) {
    const apps = allApps(ctx);
    for (const app of apps) await migrateApp(ctx, app);
    ctx.out.step(`Re-migrated ${apps.length} app(s)`);
    return;
  }
  const app = verifyApp(ctx, appArg);
  await migrateApp(ctx, app);
  ctx.out.step(`Re-migrated ${app}`);
}

/**
 * One app, under the registry lock and the app's lock: the old flag file becomes the property,
 * then the `_default_` deploy and run `-v` lines are planned (a line we would refuse as a mount
 * stays in docker-options, with a warning). Writes go entries, attachments, the marker, then
 * docker-options: a crash between them leaves the same mount in attachments and docker-options,
 * which the container merge counts once, and the next migrate finishes the drain.
 */
export async function migrateApp(ctx: Context, app: string): Promise<void> {
  using _registry = await lockRegistry(ctx);
  await withAppLock(ctx, app, () => {
    convertLegacyFlag(ctx, app);
    const lines: LegacyLine[] = [];
    for (const phase of ["deploy", "run"] as const) {
      for (const option of storedOptions(ctx, app, DEFAULT_PROCESS, phase)) {
        const volume = volumeOf(option);
        if (volume !== undefined) lines.push({ phase, option, volume });
      }
    }
    const plan = legacyMigrationPlan(
      lines,
      loadAttachments(ctx, app),
      (name) => loadEntry(ctx, name),
      ctx.paths.dokkuRoot,
    );
    for (const skipped of plan.skipped)
      ctx.out.warn(`Leaving docker option '${skipped.option}' in place: ${skipped.reason}`);
    if (plan.drain.length === 0) return;
    for (const entry of plan.newEntries) saveEntry(ctx, entry);
    failpoint(ctx.env, "storage-migrate:entries-written");
    saveAttachments(ctx, app, plan.attachments);
    failpoint(ctx.env, "storage-migrate:attachments-written");
    // before the drain: a migrate cut after it would find no lines left and never write it
    ctx.store.set(STORAGE_PLUGIN, app, MIGRATED, "true");
    failpoint(ctx.env, "storage-migrate:marker-written");
    for (const phase of ["deploy", "run"] as const) {
      const drained = plan.drain.filter((line) => line.phase === phase).map((line) => line.option);
      if (drained.length === 0) continue;
      const stored = storedOptions(ctx, app, DEFAULT_PROCESS, phase);
      writeOptions(
        ctx,
        app,
        DEFAULT_PROCESS,
        phase,
        stored.filter((option) => !drained.includes(option)),
      );
      failpoint(ctx.env, `storage-migrate:${phase}-drained`);
    }
  });
}

/** The mount of a stored `-v`/`--volume` option, or undefined for any other option (or one we cannot read). */
function volumeOf(option: string): string | undefined {
  try {
    const parsed = parseOption(option);
    return parsed.spec.name === "--volume" ? parsed.value : undefined;
  } catch (error) {
    if (isDokkuError(error)) return undefined;
    throw error;
  }
}

/** Dokku's older marker, the file `data/storage-registry/migrations/<app>`, becomes the property. */
function convertLegacyFlag(ctx: Context, app: string): void {
  const flag = `${pluginDataDir(ctx.paths, "storage-registry")}/migrations/${app}`;
  try {
    statSync(flag);
  } catch {
    return;
  }
  ctx.store.set(STORAGE_PLUGIN, app, MIGRATED, "true");
  rmSync(flag, { force: true });
}
