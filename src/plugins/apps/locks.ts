import type { Context } from "../../core/context";
import { lockApp } from "../../store/app-lock";
import type { FileLock } from "../../store/file-lock";

/**
 * Holds the writer lock of several apps at once (rename and clone touch two). Locks are taken in
 * sorted order so two commands locking the same pair cannot deadlock.
 */
export async function withAppLocks<T>(
  ctx: Pick<Context, "paths" | "owner">,
  apps: readonly string[],
  work: () => T | Promise<T>,
): Promise<T> {
  const held: FileLock[] = [];
  try {
    for (const app of [...new Set(apps)].sort()) held.push(await lockApp(ctx, app));
    return await work();
  } finally {
    for (const lock of held.reverse()) lock.release();
  }
}
