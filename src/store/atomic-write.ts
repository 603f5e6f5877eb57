import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname, basename } from "node:path";
import { chownTo, type StateOwner } from "./ownership";

export interface WriteOptions {
  /** File mode; secrets use 0o600. */
  mode?: number;
  /** Hand the file (and any directory created for it) to this owner. */
  owner?: StateOwner;
}

/**
 * Writes `data` to `path` so that a reader, or a crash at any instant, sees either the old
 * content or the new content, never a torn or empty file: write a temp file in the same
 * directory, fsync it, rename it over the target, fsync the directory.
 */
export function atomicWriteFileSync(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const dir = dirname(path);
  ensureDir(dir, options.owner);
  const temp = `${dir}/.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  const fd = openSync(temp, "wx", options.mode ?? 0o644);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    chownTo(temp, options.owner);
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  fsyncDir(dir);
}

/** mkdir -p, with new directories handed to the state owner. */
export function ensureDir(dir: string, owner?: StateOwner, mode = 0o755): void {
  const created = mkdirSync(dir, { recursive: true, mode });
  if (created && owner) chownCreatedDirs(created, dir, owner);
}

function chownCreatedDirs(firstCreated: string, leaf: string, owner: StateOwner): void {
  let current = leaf;
  const chain: string[] = [];
  while (current.length >= firstCreated.length) {
    chain.push(current);
    if (current === firstCreated) break;
    current = dirname(current);
  }
  for (const dir of chain) chownTo(dir, owner);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
