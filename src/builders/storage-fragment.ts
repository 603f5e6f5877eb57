import type { ContainerFragment, ContainerPhase } from "./container-fragment";
import { DEFAULT_PROCESS_TYPE, formatMount, type StorageAttachment, type StorageEntry } from "./storage-mount";

/** An app's attachment with the entry it mounts. */
export interface StorageMount {
  readonly attachment: StorageAttachment;
  readonly entry: StorageEntry;
}

/** The mounts of `phase`, sorted by entry name then container path, as Dokku's AttachmentsForPhase. Pure. */
export function mountsForPhase(mounts: readonly StorageMount[], phase: string): StorageMount[] {
  return mounts
    .filter((mount) => mount.attachment.phases.includes(phase))
    .sort(
      (a, b) =>
        compare(a.attachment.entry_name, b.attachment.entry_name) ||
        compare(a.attachment.container_path, b.attachment.container_path),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether an attachment applies to a process type: its own, or every one (`_default_`). Pure. */
export function appliesToProcess(attachment: StorageAttachment, processType: string): boolean {
  const own = attachment.process_type || DEFAULT_PROCESS_TYPE;
  return own === DEFAULT_PROCESS_TYPE || own === processType;
}

/**
 * The HostConfig.Binds of one container: every docker-local attachment of the phase that applies
 * to the process type, in Dokku's order (entry name, then container path), as
 * `host:container[:ro,options]`; a subpath of a host directory mounts that subdirectory. Pure.
 */
export function storageBinds(mounts: readonly StorageMount[], processType: string, phase: ContainerPhase): string[] {
  const binds: string[] = [];
  for (const { attachment, entry } of mountsForPhase(mounts, phase)) {
    if (!entry.host_path || entry.scheduler !== "docker-local" || !appliesToProcess(attachment, processType)) continue;
    const host =
      attachment.subpath && entry.host_path.startsWith("/")
        ? `${entry.host_path.replace(/\/+$/, "")}/${attachment.subpath}`
        : entry.host_path;
    binds.push(
      formatMount({
        host_path: host,
        container_path: attachment.container_path,
        readonly: attachment.readonly || undefined,
        volume_options: attachment.volume_options,
      }),
    );
  }
  return binds;
}

/** The storage plugin's part of a container: its binds, nothing else. Pure. */
export function storageFragmentOf(
  mounts: readonly StorageMount[],
  processType: string,
  phase: ContainerPhase,
): ContainerFragment {
  const binds = storageBinds(mounts, processType, phase);
  return binds.length > 0 ? { binds } : {};
}
