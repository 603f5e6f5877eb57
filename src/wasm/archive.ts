/**
 * Reads a plugin archive (.tar.gz or .zip) into memory with the one archive reader
 * (executors/archive), under the installer's policy: only regular files and directories (no
 * link of any kind), portable relative paths, bounded sizes and entry counts. Nothing touches
 * the disk here; the installer picks the files it needs. Pure (apart from CPU).
 */
import { ArchiveProblem, type ArchiveLimits } from "../executors/archive/entries";
import { readArchive, sniffArchiveType } from "../executors/archive/read-archive";
import { commonTopDir } from "../executors/archive/validate";

/** At most 64 MiB unpacked (and as an archive) in at most 1,000 entries, files and directories only. */
export const PLUGIN_ARCHIVE_LIMITS: ArchiveLimits = { maxBytes: 64 * 1024 * 1024, maxFiles: 1_000, noLinks: true };

/**
 * The files of a plugin archive by their path in the plugin directory: plugin.toml sits at the
 * archive's top or in its single top directory (`maintenance-1.0.0/plugin.toml`, as release
 * tarballs are laid out). Every file is read (and a zip's checked against its CRC) before this
 * returns. Throws an ArchiveProblem saying why an archive is refused.
 */
export function readPluginArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = PLUGIN_ARCHIVE_LIMITS,
): Map<string, Uint8Array> {
  const type = sniffArchiveType(bytes);
  if (type === undefined) throw new ArchiveProblem("not a .tar.gz or .zip archive");
  const entries = readArchive(bytes, type, limits);
  for (const entry of entries) {
    if (entry.name.includes("\\") || /^[A-Za-z]:/.test(entry.name))
      throw new ArchiveProblem(`Archive contains entries with non-POSIX paths: ${entry.name}`);
  }
  const top = commonTopDir(entries);
  const files = new Map(
    entries
      .filter((entry) => entry.type === "file")
      .map((entry) => [top === "" ? entry.path : entry.path.slice(top.length + 1), entry.data?.() ?? new Uint8Array()]),
  );
  if (!files.has("plugin.toml"))
    throw new ArchiveProblem("no plugin.toml at the top of the archive (or in its single top directory)");
  return files;
}
