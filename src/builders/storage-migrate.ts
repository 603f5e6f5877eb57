import { isDokkuError } from "../core/errors";
import { sameAttachment, upsertAttachment } from "./storage-attachment";
import {
  DEFAULT_PROCESS_TYPE,
  legacyEntryFor,
  parseNewMount,
  type StorageAttachment,
  type StorageEntry,
} from "./storage-mount";

/** One stored docker-options `-v` line of the `_default_` scope. */
export interface LegacyLine {
  readonly phase: "deploy" | "run";
  /** The option as stored, to drain it word for word. */
  readonly option: string;
  /** Its value: `host:container[:options]`. */
  readonly volume: string;
}

export interface MigrationPlan {
  /** `legacy-<hash>` entries to register first. */
  readonly newEntries: StorageEntry[];
  /** The app's attachments after the migration. */
  readonly attachments: StorageAttachment[];
  /** The lines that now live in attachments: remove them from docker-options. */
  readonly drain: LegacyLine[];
  /** Lines left in docker-options, and why. */
  readonly skipped: { readonly option: string; readonly reason: string }[];
}

/**
 * Dokku's migrateApp as a plan: the same mount in deploy and run becomes one attachment with both
 * phases (mounts sorted), on the shared `legacy-<hash>` entry; an attachment already there is
 * kept and its lines drained. A line we would refuse as `storage:mount` (an anonymous volume, a
 * path with `..`, one inside DOKKU_ROOT, an entry name taken by another host path, a container
 * path already mounted) stays in docker-options. Pure.
 */
export function legacyMigrationPlan(
  lines: readonly LegacyLine[],
  current: readonly StorageAttachment[],
  loadEntry: (name: string) => StorageEntry | undefined,
  dokkuRoot: string,
): MigrationPlan {
  const byVolume = new Map<string, LegacyLine[]>();
  for (const line of lines) byVolume.set(line.volume, [...(byVolume.get(line.volume) ?? []), line]);
  const newEntries: StorageEntry[] = [];
  let attachments = [...current];
  const drain: LegacyLine[] = [];
  const skipped: { option: string; reason: string }[] = [];
  for (const volume of [...byVolume.keys()].sort()) {
    const group = byVolume.get(volume) as LegacyLine[];
    try {
      const mount = parseNewMount(volume, dokkuRoot);
      const entry = legacyEntryFor(mount.hostPath);
      const existing = newEntries.find((candidate) => candidate.name === entry.name) ?? loadEntry(entry.name);
      if (existing && (existing.host_path !== entry.host_path || existing.scheduler !== entry.scheduler))
        throw new MigrationSkip(`legacy entry ${JSON.stringify(entry.name)} already exists with conflicting fields`);
      const attachment: StorageAttachment = {
        entry_name: entry.name,
        container_path: mount.containerPath,
        phases: ["deploy", "run"].filter((phase) => group.some((line) => line.phase === phase)),
        process_type: DEFAULT_PROCESS_TYPE,
        ...(mount.readonly ? { readonly: true } : {}),
        ...(mount.volumeOptions ? { volume_options: mount.volumeOptions } : {}),
      };
      if (!attachments.some((other) => sameAttachment(other, attachment)))
        attachments = upsertAttachment(attachments, attachment, (name) => name).attachments;
      if (!existing) newEntries.push(entry);
      drain.push(...group);
    } catch (error) {
      if (!(error instanceof MigrationSkip) && !isDokkuError(error)) throw error;
      for (const line of group) skipped.push({ option: line.option, reason: error.message });
    }
  }
  return { newEntries, attachments, drain, skipped };
}

class MigrationSkip extends Error {}
