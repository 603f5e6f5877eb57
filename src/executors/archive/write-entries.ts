import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SafeEntry } from "./validate";

/**
 * Writes validated entries under `dir` (a fresh, empty directory), dropping `stripPrefix/`:
 * directories and files first, then hardlinks as copies, symlinks last, so nothing is ever
 * written through a link. Files keep only their executable bits (0755 or 0644).
 */
export function writeEntries(dir: string, entries: readonly SafeEntry[], stripPrefix = ""): void {
  const target = (path: string) => join(dir, strip(path, stripPrefix));
  for (const entry of entries) {
    if (strip(entry.path, stripPrefix) === "") continue;
    if (entry.type === "dir") mkdirSync(target(entry.path), { recursive: true, mode: 0o755 });
    else if (entry.type === "file") {
      const path = target(entry.path);
      mkdirSync(join(path, ".."), { recursive: true, mode: 0o755 });
      writeFileSync(path, entry.data?.() ?? new Uint8Array(), { mode: (entry.mode & 0o111) !== 0 ? 0o755 : 0o644 });
    }
  }
  for (const entry of entries) {
    if (entry.type !== "hardlink" || entry.linkPath === undefined) continue;
    const path = target(entry.path);
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o755 });
    copyFileSync(target(entry.linkPath), path);
  }
  for (const entry of entries) {
    if (entry.type !== "symlink" || entry.linkName === undefined) continue;
    const path = target(entry.path);
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o755 });
    symlinkSync(entry.linkName, path);
  }
}

/** `top/a/b` without `top` -> `a/b`. Pure. */
function strip(path: string, prefix: string): string {
  if (prefix === "") return path;
  if (path === prefix) return "";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : path;
}
