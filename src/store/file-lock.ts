import { dlopen, FFIType } from "bun:ffi";
import { closeSync, fstatSync, openSync, statSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { DokkuError } from "../core/errors";
import { ensureDir } from "./atomic-write";
import { chownTo, type StateOwner } from "./ownership";

const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;

/**
 * An exclusive advisory lock (flock(2)) on a file. The kernel releases it when the holder
 * exits or is killed, so a crashed writer never leaves a stale lock behind.
 */
export interface FileLock extends Disposable {
  readonly path: string;
  /** The open lock file, for holders that keep a note in it (who holds the lock). */
  readonly fd: number;
  /** With removeOnRelease: keep the file after all (it turned out to be someone else's marker). */
  keepFile(): void;
  release(): void;
}

let libc: { symbols: { flock(fd: number, op: number): number } } | undefined;

function flock(fd: number, op: number): number {
  libc ??= dlopen("libc.so.6", { flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 } });
  return libc.symbols.flock(fd, op);
}

/**
 * Takes the lock if it is free; returns undefined when another process holds it.
 * With `removeOnRelease` the file is unlinked when the lock is released (a marker that exists
 * only while held); a holder that locked an inode another process unlinked or replaced in the
 * meantime tries again on the file now at the path, so two processes never both "hold" it.
 */
export function tryLock(
  path: string,
  owner?: StateOwner,
  options: { removeOnRelease?: boolean } = {},
): FileLock | undefined {
  ensureDir(dirname(path), owner);
  for (;;) {
    const fd = openSync(path, "a", 0o644);
    chownTo(path, owner);
    if (flock(fd, LOCK_EX | LOCK_NB) !== 0) {
      closeSync(fd);
      return undefined;
    }
    if (!isSameFile(fd, path)) {
      flock(fd, LOCK_UN);
      closeSync(fd);
      continue;
    }
    let held = true;
    let remove = options.removeOnRelease ?? false;
    const release = () => {
      if (!held) return;
      held = false;
      if (remove && isSameFile(fd, path)) unlinkSync(path);
      flock(fd, LOCK_UN);
      closeSync(fd);
    };
    const keepFile = () => {
      remove = false;
    };
    return { path, fd, keepFile, release, [Symbol.dispose]: release };
  }
}

/** Whether `path` still names the file open at `fd` (not unlinked or replaced by a rename). */
function isSameFile(fd: number, path: string): boolean {
  try {
    const open = fstatSync(fd);
    const named = statSync(path);
    return open.ino === named.ino && open.dev === named.dev;
  } catch {
    return false;
  }
}

export interface LockOptions {
  /** How long to wait for another holder; 0 fails at once. */
  timeoutMs?: number;
  owner?: StateOwner;
  /** The message when the wait runs out. */
  busyMessage?: string;
  /** The error's code then (default `locked`). */
  busyCode?: string;
  /** Called once when the lock is found held, before the wait (to tell the user). */
  onWait?: () => void;
}

/** Waits (polling, without blocking the event loop) until the lock is free or the timeout passes. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<FileLock> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let delay = 5;
  for (let waited = false; ; waited = true) {
    const lock = tryLock(path, options.owner);
    if (lock) return lock;
    if (Date.now() >= deadline) {
      throw new DokkuError(options.busyMessage ?? `Timed out waiting for lock ${path}`, {
        code: options.busyCode ?? "locked",
      });
    }
    if (!waited) options.onWait?.();
    await Bun.sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}
