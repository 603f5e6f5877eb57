import type { Context } from "../core/context";
import { acquireLock, type FileLock } from "./file-lock";

/** Where the per-app writer lock lives: outside the app dir, so rename and destroy can hold it. */
export function appLockPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${ctx.paths.libRoot}/data/locks/${app}.lock`;
}

/** Serialises writers of one app's state (config changes, renames, deploys). */
export function lockApp(ctx: Pick<Context, "paths" | "owner">, app: string, timeoutMs = 30_000): Promise<FileLock> {
  return acquireLock(appLockPath(ctx, app), {
    timeoutMs,
    owner: ctx.owner,
    busyMessage: `App ${app} is busy: another command holds its lock (waited ${Math.round(timeoutMs / 1000)}s)`,
  });
}

export async function withAppLock<T>(
  ctx: Pick<Context, "paths" | "owner">,
  app: string,
  work: () => T | Promise<T>,
): Promise<T> {
  using _lock = await lockApp(ctx, app);
  return await work();
}
