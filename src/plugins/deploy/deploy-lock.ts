import { ftruncateSync, readFileSync, writeSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { tryLock, type FileLock } from "../../store/file-lock";
import { APPS_LOCK_NOTE } from "../apps/deploy-lock";
import { deployLockPath } from "../apps/paths";

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
 */
export async function holdDeployLock(ctx: Context, app: string, options: DeployLockOptions): Promise<FileLock> {
  const path = deployLockPath(ctx, app);
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    const lock = tryLock(path, ctx.owner, { removeOnRelease: true });
    if (lock) return claim(ctx, app, lock);
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
  if (!Number.isFinite(seconds) || seconds < 0) fail(`DOKKU_DEPLOY_LOCK_WAIT must be a number of seconds, got '${raw}'`);
  return seconds * 1000;
}

function claim(ctx: Context, app: string, lock: FileLock): FileLock {
  const note = readFileSync(lock.path, "utf8");
  if (note.startsWith(APPS_LOCK_NOTE)) {
    // a user's lock: let go of the flock but leave the marker where apps:lock put it
    lock.keepFile();
    lock.release();
    ctx.out.warn(`${app} currently has a deploy lock in place. Exiting...`);
    fail("Run 'apps:unlock' to release the existing deploy lock", "deploy-locked");
  }
  if (note !== "") ctx.out.warn(`A previous deploy of ${app} was interrupted (${note.trim()}); taking over its lock`);
  ftruncateSync(lock.fd, 0);
  writeSync(lock.fd, `deploy pid=${process.pid} started=${ctx.now().toISOString()}\n`, 0);
  return lock;
}
