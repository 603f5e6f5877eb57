import { dlopen, FFIType } from "bun:ffi";
import { closeSync, openSync } from "node:fs";
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
  release(): void;
}

let libc: { symbols: { flock(fd: number, op: number): number } } | undefined;

function flock(fd: number, op: number): number {
  libc ??= dlopen("libc.so.6", { flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 } });
  return libc.symbols.flock(fd, op);
}

/** Takes the lock if it is free; returns undefined when another process holds it. */
export function tryLock(path: string, owner?: StateOwner): FileLock | undefined {
  ensureDir(dirname(path), owner);
  const fd = openSync(path, "a", 0o644);
  chownTo(path, owner);
  if (flock(fd, LOCK_EX | LOCK_NB) !== 0) {
    closeSync(fd);
    return undefined;
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    flock(fd, LOCK_UN);
    closeSync(fd);
  };
  return { path, release, [Symbol.dispose]: release };
}

export interface LockOptions {
  /** How long to wait for another holder; 0 fails at once. */
  timeoutMs?: number;
  owner?: StateOwner;
  /** The message when the wait runs out. */
  busyMessage?: string;
}

/** Waits (polling, without blocking the event loop) until the lock is free or the timeout passes. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<FileLock> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let delay = 5;
  for (;;) {
    const lock = tryLock(path, options.owner);
    if (lock) return lock;
    if (Date.now() >= deadline) {
      throw new DokkuError(options.busyMessage ?? `Timed out waiting for lock ${path}`, { code: "locked" });
    }
    await Bun.sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}
