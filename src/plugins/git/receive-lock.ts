import type { Context } from "../../core/context";
import { acquireLock, type FileLock } from "../../store/file-lock";
import { appsDataDir } from "../apps/paths";
import { deployLockWait } from "../deploy/deploy-lock";

/** `$DOKKU_LIB_ROOT/data/apps/<app>/.receive.lock`: held while new code for the app is received and deployed. */
export function receiveLockPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${appsDataDir(ctx, app)}/.receive.lock`;
}

/**
 * Serialises everything that moves the app's deploy branch: a push (held from before git
 * advertises the refs until git has updated them, so a second push sees the first one's ref
 * and is a fast-forward on top of it or refused by git before anything changes) and
 * `git:from-archive`. The branch, the release record and the code that runs then always agree.
 * Another holder makes this wait (DOKKU_DEPLOY_LOCK_WAIT, as a deploy waits for a deploy), then
 * give up. flock: a killed holder never leaves it behind.
 */
export function holdReceiveLock(ctx: Context, app: string): Promise<FileLock> {
  return acquireLock(receiveLockPath(ctx, app), {
    owner: ctx.owner,
    timeoutMs: deployLockWait(ctx),
    busyMessage: `Another push to ${app} is still being received; try again when it has finished`,
    busyCode: "receive-busy",
    onWait: () => ctx.out.step(`${app} is receiving another push. Waiting...`),
  });
}
