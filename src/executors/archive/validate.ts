import { posix } from "node:path";
import { ArchiveProblem, tooManyEntries, type ArchiveEntry, type ArchiveLimits } from "./entries";

/** An entry that passed the checks, under its normalised relative path. */
export interface SafeEntry extends ArchiveEntry {
  /** Relative, normalised, no `..`, no leading `/`: where it goes under the target dir. */
  readonly path: string;
  /** For hardlinks: the normalised path of the file they copy. */
  readonly linkPath?: string;
}

/**
 * Checks every entry BEFORE anything is written (Dokku's archive-functions, tightened):
 * counts and unpacked size within the limits; no absolute names, no `..`, no NUL; no device
 * files, fifos or other specials; symlinks only to relative targets that stay inside; hardlinks
 * only to regular files earlier in the same archive (no links at all with `noLinks`); nothing
 * stored beneath a symlink.
 * Returns the entries with normalised paths, or throws an ArchiveProblem naming the entry. Pure.
 */
export function validateEntries(entries: readonly ArchiveEntry[], limits: ArchiveLimits): SafeEntry[] {
  if (entries.length > limits.maxFiles) throw tooManyEntries(entries.length, limits.maxFiles);
  const safe: SafeEntry[] = [];
  const files = new Map<string, number>();
  const symlinks = new Set<string>();
  const others = new Set<string>();
  const parents = new Set<string>();
  const dirs = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const path = safePath(entry.name);
    if (entry.type === "special")
      throw new ArchiveProblem(`Archive contains device files or other special entries: ${entry.name}`);
    if (limits.noLinks && (entry.type === "symlink" || entry.type === "hardlink"))
      throw new ArchiveProblem(`Archive contains a ${entry.type}, not a regular file: ${entry.name}`);
    if (path === "") {
      if (entry.type === "dir") continue;
      throw new ArchiveProblem(`Archive contains an entry without a name: '${entry.name}'`);
    }
    for (const ancestor of ancestors(path)) {
      if (symlinks.has(ancestor)) throw new ArchiveProblem(`Archive contains entries beneath a symlink: ${entry.name}`);
      if (files.has(ancestor)) throw new ArchiveProblem(`Archive contains entries beneath a file: ${entry.name}`);
      parents.add(ancestor);
    }
    const isDir = entry.type === "dir";
    if (isDir ? files.has(path) : entry.type !== "symlink" && (dirs.has(path) || parents.has(path))) {
      throw new ArchiveProblem(`Archive contains a file and a directory at the same path: ${entry.name}`);
    }
    if (isDir) dirs.add(path);
    if (entry.type === "symlink") {
      checkSymlink(path, entry);
      if (parents.has(path)) throw new ArchiveProblem(`Archive contains entries beneath a symlink: ${entry.name}`);
      if (others.has(path) || symlinks.has(path))
        throw new ArchiveProblem(`Archive contains a symlink and another entry at the same path: ${entry.name}`);
      symlinks.add(path);
      safe.push({ ...entry, path });
      continue;
    }
    if (symlinks.has(path))
      throw new ArchiveProblem(`Archive contains a symlink and another entry at the same path: ${entry.name}`);
    others.add(path);
    if (entry.type === "hardlink") {
      const linkPath = hardlinkPath(entry);
      const size = files.get(linkPath);
      if (size === undefined)
        throw new ArchiveProblem(`Archive contains a hardlink to a member that is not a file before it: ${entry.name}`);
      total += size;
      files.set(path, size);
      safe.push({ ...entry, path, linkPath, size });
    } else {
      if (entry.type === "file") {
        total += entry.size;
        files.set(path, entry.size);
      }
      safe.push({ ...entry, path });
    }
    if (total > limits.maxBytes)
      throw new ArchiveProblem(`Archive exceeds maximum allowed size of ${limits.maxBytes} bytes`);
  }
  return safe;
}

/** The normalised relative path of a member name, or an ArchiveProblem. Pure. */
export function safePath(name: string): string {
  if (name.includes("\0")) throw new ArchiveProblem(`Archive contains an entry with a NUL byte in its name`);
  if (name.startsWith("/")) throw new ArchiveProblem(`Archive contains entries with absolute paths: ${name}`);
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes(".."))
    throw new ArchiveProblem(`Archive contains entries with parent directory traversal: ${name}`);
  return parts.join("/");
}

function checkSymlink(path: string, entry: ArchiveEntry): void {
  const target = entry.linkName ?? "";
  if (target === "" || target.includes("\0"))
    throw new ArchiveProblem(`Archive contains a symlink without a valid target: ${entry.name}`);
  if (target.startsWith("/"))
    throw new ArchiveProblem(`Archive contains symlinks with absolute targets: ${entry.name} -> ${target}`);
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  if (resolved === ".." || resolved.startsWith("../")) {
    throw new ArchiveProblem(
      `Archive contains symlinks pointing outside extraction directory: ${entry.name} -> ${target}`,
    );
  }
}

function hardlinkPath(entry: ArchiveEntry): string {
  const target = entry.linkName ?? "";
  if (target.startsWith("/") || target.split("/").includes("..") || target === "") {
    throw new ArchiveProblem(
      `Archive contains hardlinks pointing outside extraction directory: ${entry.name} -> ${target}`,
    );
  }
  return safePath(target);
}

/** `a/b/c` -> `a`, `a/b`. Pure. */
function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("/"));
}

/**
 * Dokku drops one top-level folder when it holds everything (GitHub's `repo-sha/` tarballs):
 * the prefix to strip, or "" when the tree has files at its root or several top-level names. Pure.
 */
export function commonTopDir(entries: readonly SafeEntry[]): string {
  const tops = new Set(entries.map((entry) => entry.path.split("/")[0]));
  if (tops.size !== 1) return "";
  const [top] = [...tops] as [string];
  const isDir = entries.every((entry) => entry.path !== top || entry.type === "dir");
  if (!isDir || !entries.some((entry) => entry.path.startsWith(`${top}/`))) return "";
  // a symlink may point at a sibling of the top folder, which would be outside once it is dropped
  const staysInside = (entry: SafeEntry) => {
    const resolved = posix.normalize(posix.join(posix.dirname(entry.path), entry.linkName ?? ""));
    return resolved === top || resolved.startsWith(`${top}/`);
  };
  return entries.every((entry) => entry.type !== "symlink" || staysInside(entry)) ? top : "";
}
