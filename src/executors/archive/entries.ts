/** One member of an archive, as read, before anything is written. */
export interface ArchiveEntry {
  /** The name as stored in the archive (checked, never trusted). */
  readonly name: string;
  readonly type: "file" | "dir" | "symlink" | "hardlink" | "special";
  /** Permission bits from the archive (only the executable bits are kept when writing). */
  readonly mode: number;
  /** Unpacked size in bytes (files only). */
  readonly size: number;
  /** Symlink target, or the member a hardlink refers to. */
  readonly linkName?: string;
  /** The contents, read lazily: zip members are inflated only after every entry passed the checks. */
  readonly data?: () => Uint8Array;
}

export type ArchiveType = "tar" | "tar.gz" | "zip";
export const ARCHIVE_TYPES: readonly ArchiveType[] = ["tar", "tar.gz", "zip"];

export interface ArchiveLimits {
  /** Most bytes, both of the archive and of everything it unpacks to. */
  readonly maxBytes: number;
  /** Most entries. */
  readonly maxFiles: number;
  /** Only files and directories: a symlink or hardlink is refused, wherever it points (a plugin archive). */
  readonly noLinks?: boolean;
}

/** The refusal of an archive holding more than `max` entries. */
export function tooManyEntries(count: number, max: number): ArchiveProblem {
  return new ArchiveProblem(`Archive contains ${count} entries which exceeds the maximum of ${max}`);
}

/** A refusal: what is wrong and, where there is one, which entry. */
export class ArchiveProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveProblem";
  }
}
