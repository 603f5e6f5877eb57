import { existsSync, renameSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import type { Payload } from "../../triggers/bus";
import { appExists, verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { appDir } from "../../core/paths";
import { assertNewAppName } from "./new-name";
import { ensureDir } from "../../store/atomic-write";
import { copyTree } from "../../store/copy-tree";
import { assertStoredAppBounds } from "../config/bounds";
import { createAppLocked, NAME_TAKEN, recordCreatedAt } from "./create";
import { withAppLocks } from "./locks";
import { appsDataDir, deployLockPath } from "./paths";

export interface MoveOptions {
  /** `--skip-deploy`: the new app is not deployed (rename: not started again; clone: not built). */
  readonly skipDeploy: boolean;
}

/** Both names checked before anything is written: the old app must exist, the new must be free. */
function checkNames(ctx: Context, oldName: string | undefined, newName: string | undefined): [string, string] {
  if (!oldName) fail("Please specify an app to run the command on", "invalid-app-name");
  if (!newName) fail("Please specify an new app name", "invalid-app-name");
  const oldApp = verifyApp(ctx, oldName);
  const newApp = assertNewAppName(ctx, newName);
  return [oldApp, newApp];
}

/**
 * `apps:rename`: moves the app dir, every plugin's properties and the apps data, then
 * `post-app-rename` (which, unless --skip-deploy, runs the deployed app under the new name).
 */
export async function renameApp(
  ctx: Context,
  oldName: string | undefined,
  newName: string | undefined,
  options: MoveOptions,
): Promise<void> {
  const [oldApp, newApp] = checkNames(ctx, oldName, newName);
  if (appExists(ctx, newApp)) fail(NAME_TAKEN, "app-exists");
  await withAppLocks(ctx, [oldApp, newApp], async () => {
    verifyApp(ctx, oldApp);
    if (appExists(ctx, newApp)) fail(NAME_TAKEN, "app-exists");
    ctx.out.step(`Renaming ${oldApp} to ${newApp}`);
    renameSync(appDir(ctx.paths, oldApp), appDir(ctx.paths, newApp));
    // leftovers of a long-gone app of the new name would block the move and must not leak into it
    ctx.store.destroyScope(newApp);
    ctx.store.renameScope(oldApp, newApp);
    moveDataDir(ctx, oldApp, newApp);
    await fireMoved(ctx, "post-app-rename", { oldApp, newApp, skipDeploy: options.skipDeploy });
  });
}

/**
 * `apps:clone`: refuses an old app whose config is past the bounds (config/bounds.ts), then
 * creates the new app (`post-create`), copies every plugin's properties and the
 * apps data except the deploy lock, gives it its own `created-at`, then `post-app-clone` (which,
 * unless --skip-deploy, builds and deploys the new app from the copied code, as Dokku's rebuild).
 * With `ignoreExisting`, an existing target is a warning and a success, as in Dokku.
 */
export async function cloneApp(
  ctx: Context,
  oldName: string | undefined,
  newName: string | undefined,
  options: MoveOptions & { readonly ignoreExisting: boolean },
): Promise<void> {
  const [oldApp, newApp] = checkNames(ctx, oldName, newName);
  await withAppLocks(ctx, [oldApp, newApp], async () => {
    verifyApp(ctx, oldApp);
    if (appExists(ctx, newApp)) {
      if (!options.ignoreExisting) fail(NAME_TAKEN, "app-exists");
      ctx.out.warn(NAME_TAKEN);
      return;
    }
    assertStoredAppBounds(ctx, oldApp);
    ctx.out.step(`Cloning ${oldApp} to ${newApp}`);
    ctx.store.destroyScope(newApp);
    await createAppLocked(ctx, newApp);
    ctx.store.copyScope(oldApp, newApp);
    recordCreatedAt(ctx, newApp);
    copyDataDir(ctx, oldApp, newApp);
    await fireMoved(ctx, "post-app-clone", { oldApp, newApp, skipDeploy: options.skipDeploy });
  });
}

/** A handler that failed (a deploy of the new app, say) fails the command, as Dokku's trigger error does. */
async function fireMoved(
  ctx: Context,
  trigger: "post-app-rename" | "post-app-clone",
  payload: Payload<"post-app-clone">,
): Promise<void> {
  const { failures } = await ctx.bus.fire(trigger, payload);
  if (failures.length > 0)
    fail(`${failures.map((failure) => failure.source).join(", ")} failed on ${trigger}`, "move-incomplete");
}

function moveDataDir(ctx: Context, oldApp: string, newApp: string): void {
  const source = appsDataDir(ctx, oldApp);
  const target = appsDataDir(ctx, newApp);
  rmSync(target, { recursive: true, force: true });
  if (existsSync(source)) renameSync(source, target);
  else ensureDir(target, ctx.owner);
}

function copyDataDir(ctx: Context, oldApp: string, newApp: string): void {
  const source = appsDataDir(ctx, oldApp);
  if (!existsSync(source)) return;
  const lock = deployLockPath(ctx, oldApp);
  const target = appsDataDir(ctx, newApp);
  copyTree(source, target, ctx.owner, (path) => path === lock);
}
