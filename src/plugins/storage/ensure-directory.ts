import { lchownSync, lstatSync, readdirSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { assertStorageDirectoryName, chownId, DEFAULT_CHOWN } from "../../builders/storage-directory";
import { ensureDir } from "../../store/atomic-write";
import { storageDirectory } from "./state";

/**
 * `storage:ensure-directory [--chown herokuish|heroku|paketo|root|false|<uid>] <name>`: makes
 * `$DOKKU_LIB_ROOT/data/storage/<name>` and hands it (recursively, as Dokku) to the uid the
 * app's processes run as. Only root can give files away: the dokku user gets a clear refusal
 * unless the directory already belongs to that uid. Deprecated in Dokku 0.38 for `storage:create`:
 * it says so on stderr and works as before.
 */
export function ensureStorageDirectory(ctx: Context, nameArg: string | undefined, chownArg: unknown): void {
  ctx.out.warn("Deprecated: please use 'storage:create' instead of 'storage:ensure-directory'");
  const name = assertStorageDirectoryName(nameArg);
  const option = chownArg === undefined ? DEFAULT_CHOWN : typeof chownArg === "string" ? chownArg : "";
  const uid = chownId(option);
  const directory = `${storageDirectory(ctx)}/${name}`;
  ctx.out.step(`Ensuring ${directory} exists`);
  if (option === "packeto")
    ctx.out.detail(
      "Detected deprecated chown flag 'packeto'. Using 'paketo' instead. Please update your configuration.",
    );
  try {
    ensureDir(directory, ctx.owner);
  } catch (error) {
    fail(`Unable to create directory: ${(error as Error).message}`);
  }
  if (uid !== undefined) {
    ctx.out.detail(`Setting directory ownership to ${uid}:${uid}`);
    chownTree(directory, uid);
  }
  ctx.out.detail("Directory ready for mounting");
}

/** Gives `path` and everything under it (never following a symlink) to uid:uid, as `chown -R`. */
export function chownTree(path: string, uid: number): void {
  const stat = lstatSync(path);
  if (stat.uid !== uid || stat.gid !== uid) {
    try {
      lchownSync(path, uid, uid);
    } catch (error) {
      fail(
        `Unable to set directory ownership: ${(error as NodeJS.ErrnoException).code === "EPERM" ? `only root can give ${path} to ${uid}:${uid}` : (error as Error).message}`,
      );
    }
  }
  if (!stat.isDirectory()) return;
  for (const child of readdirSync(path)) chownTree(`${path}/${child}`, uid);
}
