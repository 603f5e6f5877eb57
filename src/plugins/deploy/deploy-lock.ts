import { ftruncateSync, readFileSync, writeSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { tryLock, type FileLock } from "../../store/file-lock";
import { APPS_LOCK_NOTE } from "../apps/deploy-lock";
import { deployLockPath } from "../apps/paths";
import { recoverApp } from "./recover";

/** How the note of a deploy lock's holder begins (`deploy pid=<pid> started=<time>`). */
const HOLDER_NOTE = "deploy pid=";

/** Whether a deploy lock's note is one a holder that died left (not apps:lock's, not empty). Pure. */
export function interruptedNote(note: string): boolean {
  return note.startsWith(HOLDER_NOTE);
}

export interface DeployLockOptions {
  /** How long a deploy waits for another deploy of the same app to finish. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

/**
 * Takes the app's deploy lock: Dokku's `.deploy.lock` marker, held with flock while the deploy
 * runs and removed when it ends, so `apps:locked` is true meanwhile. Another deploy in progress
 * makes this one wait, then give up with a clear message; a marker `apps:lock` wrote refuses the
 * deploy. A marker left by a killed deploy holds no flock: it is taken over, with a warning.
 * Whatever a crashed deploy left is settled (recoverApp) before this returns.
 */
export async function holdDeployLock(ctx: Context, app: string, options: DeployLockOptions): Promise<FileLock> {
  const path = deployLockPath(ctx, app);
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    const lock = tryLock(path, ctx.owner, { removeOnRelease: true });
    if (lock) return await claim(ctx, app, lock);
    if (Date.now() >= deadline) {
      ctx.out.warn(`${app} currently has a deploy lock in place. Exiting...`);
      fail(`Another deploy of ${app} is still running; try again when it has finished`, "deploy-busy");
    }
    if (!told) {
      ctx.out.step(`${app} currently has a deploy lock in place. Waiting...`);
      told = true;
    }
    await Bun.sleep(options.pollMs ?? 200);
  }
}

/** How long a deploy waits for another deploy of the app: DOKKU_DEPLOY_LOCK_WAIT seconds, default 600. */
export function deployLockWait(ctx: Pick<Context, "env">): number {
  const raw = ctx.env.DOKKU_DEPLOY_LOCK_WAIT;
  if (raw === undefined || raw === "") return 600_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    fail(`DOKKU_DEPLOY_LOCK_WAIT must be a number of seconds, got '${raw}'`);
  return seconds * 1000;
}

/**
 * Takes the app's deploy lock only if it is free, for the timers and other upkeep (ps:retire,
 * ps:restore, the cleanup of every app): undefined while a live process holds it, whose
 * containers are then none of the caller's business. What a crash left is settled first; a
 * marker `apps:lock` wrote stays (upkeep is not a deploy).
 */
export async function tryHoldDeployLock(ctx: Context, app: string): Promise<FileLock | undefined> {
  const lock = tryLock(deployLockPath(ctx, app), ctx.owner, { removeOnRelease: true });
  if (!lock) return undefined;
  const note = readFileSync(lock.path, "utf8");
  if (note.startsWith(APPS_LOCK_NOTE)) lock.keepFile();
  try {
    await recoverApp(ctx, app, { interrupted: interruptedNote(note) });
    return lock;
  } catch (error) {
    return releaseKeepingNote(lock, note, error);
  }
}

async function claim(ctx: Context, app: string, lock: FileLock): Promise<FileLock> {
  const note = readFileSync(lock.path, "utf8");
  if (note.startsWith(APPS_LOCK_NOTE)) {
    // a user's lock: let go of the flock but leave the marker where apps:lock put it
    lock.keepFile();
    lock.release();
    ctx.out.warn(`${app} currently has a deploy lock in place. Exiting...`);
    fail("Run 'apps:unlock' to release the existing deploy lock", "deploy-locked");
  }
  try {
    if (note !== "") ctx.out.warn(`A previous deploy of ${app} was interrupted (${note.trim()}); taking over its lock`);
    // the note stays the interrupted one until what it left is settled: a crash in between leaves it to the next holder
    await recoverApp(ctx, app, { interrupted: interruptedNote(note) });
    ftruncateSync(lock.fd, 0);
    writeSync(lock.fd, `${HOLDER_NOTE}${process.pid} started=${ctx.now().toISOString()}\n`, 0);
    return lock;
  } catch (error) {
    return releaseKeepingNote(lock, note, error);
  }
}

/** Recovery failed: the lock goes, a dead holder's note stays (it still tells the next holder), and the error is thrown. */
function releaseKeepingNote(lock: FileLock, note: string, error: unknown): never {
  if (interruptedNote(note)) lock.keepFile();
  lock.release();
  throw error;
}
