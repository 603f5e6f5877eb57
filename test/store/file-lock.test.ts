import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDokkuError } from "../../src/core/errors";
import { acquireLock, tryLock } from "../../src/store/file-lock";
import { appLockPath, lockApp, withAppLock } from "../../src/store/app-lock";
import { pathsFromEnv } from "../../src/core/paths";
import { tempDir, tempRoots } from "../harness";
import { lineReader } from "./fixtures/child-lines";

const HOLDER = join(import.meta.dir, "fixtures", "hold-lock.ts");

/** A child process holding the lock at `path` until disposed (SIGKILL). */
async function holdInChild(path: string) {
  const child = Bun.spawn([process.execPath, HOLDER, path], { stdout: "pipe", stderr: "inherit" });
  const lines = lineReader(child);
  const status = await lines.next();
  lines.release();
  return {
    status,
    async kill() {
      child.kill("SIGKILL");
      await child.exited;
    },
    [Symbol.asyncDispose]: async () => {
      child.kill("SIGKILL");
      await child.exited;
    },
  };
}

describe("file locks", () => {
  test("tryLock takes a free lock, creating its directory, and gives it back on release", () => {
    using dir = tempDir();
    const path = join(dir.path, "locks", "web.lock");
    const lock = tryLock(path);
    expect(lock?.path).toBe(path);
    lock?.release();
    lock?.release();
    using again = tryLock(path);
    expect(again).toBeDefined();
  });

  test("with removeOnRelease the file exists only while the lock is held", () => {
    using dir = tempDir();
    const path = join(dir.path, "marker.lock");
    const lock = tryLock(path, undefined, { removeOnRelease: true });
    expect(existsSync(path)).toBe(true);
    lock?.release();
    expect(existsSync(path)).toBe(false);
  });

  test("release leaves alone a file another process put at the path meanwhile", () => {
    using dir = tempDir();
    const path = join(dir.path, "marker.lock");
    const lock = tryLock(path, undefined, { removeOnRelease: true });
    writeFileSync(`${path}.new`, "user lock");
    renameSync(`${path}.new`, path);
    lock?.release();
    expect(readFileSync(path, "utf8")).toBe("user lock");
  });

  test("tryLock refuses a lock held by another process", async () => {
    using dir = tempDir();
    const path = join(dir.path, "web.lock");
    await using holder = await holdInChild(path);
    expect(holder.status).toBe("locked");
    expect(tryLock(path)).toBeUndefined();
  });

  test("a child refuses a lock this process holds", async () => {
    using dir = tempDir();
    const path = join(dir.path, "web.lock");
    using _lock = tryLock(path);
    await using holder = await holdInChild(path);
    expect(holder.status).toBe("busy");
  });

  test("the lock is released when its holder is killed", async () => {
    using dir = tempDir();
    const path = join(dir.path, "web.lock");
    const holder = await holdInChild(path);
    expect(holder.status).toBe("locked");
    expect(tryLock(path)).toBeUndefined();
    await holder.kill();
    using lock = tryLock(path);
    expect(lock).toBeDefined();
  });

  test("acquireLock times out with the busy message while another process holds the lock", async () => {
    using dir = tempDir();
    const path = join(dir.path, "web.lock");
    await using _holder = await holdInChild(path);
    const error = await acquireLock(path, { timeoutMs: 50, busyMessage: "App web is busy" }).catch((e: unknown) => e);
    expect(isDokkuError(error) && error.message).toBe("App web is busy");
    expect(isDokkuError(error) && error.code).toBe("locked");
  });

  test("acquireLock waits for a holder that goes away", async () => {
    using dir = tempDir();
    const path = join(dir.path, "web.lock");
    const holder = await holdInChild(path);
    const waiting = acquireLock(path, { timeoutMs: 10_000 });
    await holder.kill();
    using lock = await waiting;
    expect(lock.path).toBe(path);
  });

  test("lockApp names the app in its busy message and withAppLock releases after the work", async () => {
    using roots = tempRoots();
    const ctx = { paths: pathsFromEnv(roots.env), owner: undefined };
    await using _holder = await holdInChild(appLockPath(ctx, "web"));
    const error = await lockApp(ctx, "web", 20).catch((e: unknown) => e);
    expect(isDokkuError(error) && error.message).toBe("App web is busy: another command holds its lock (waited 0s)");
    expect(await withAppLock(ctx, "api", () => "done")).toBe("done");
    using again = tryLock(appLockPath(ctx, "api"));
    expect(again).toBeDefined();
  });
});
