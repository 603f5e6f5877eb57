import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import { setRestore, shouldRestore } from "./properties";
import { repointApp, reportRepoint } from "../proxy/repoint";
import { runAgainstAllApps } from "./all-apps";
import { withCurrentRelease } from "./redeploy";

/** What `ps:start|stop|restart|restore` act on. */
export interface Targets {
  readonly app?: string;
  readonly all: boolean;
  readonly parallel: number;
}

/** Runs `each` on the one app, or on every app with --all. */
async function forTargets(
  ctx: Context,
  targets: Targets,
  name: string,
  each: (app: string) => Promise<void>,
): Promise<void> {
  if (targets.all) return runAgainstAllApps(ctx, name, targets.parallel, each);
  await each(verifyApp(ctx, targets.app));
}

/** `ps:start`: runs the current release unless every container already runs. */
export function startApps(ctx: Context, targets: Targets): Promise<void> {
  return forTargets(ctx, targets, "start", (app) => startApp(ctx, app));
}

export async function startApp(ctx: Context, app: string): Promise<void> {
  const started = await withCurrentRelease(ctx, app, (scheduler, release, formation) =>
    scheduler.start(ctx, app, release, formation),
  );
  if (started) setRestore(ctx, app, true);
}

/**
 * `ps:stop`: stops the app's containers; it stays stopped through ps:restore and config changes.
 * Its proxy then routes nowhere (502, as before) rather than to the stopped containers' addresses,
 * which the engine hands to the next container that starts, maybe another app's.
 */
export function stopApps(ctx: Context, targets: Targets): Promise<void> {
  return forTargets(ctx, targets, "stop", async (app) => {
    if (!currentRelease(ctx, app)) return ctx.out.warn(`App ${app} has not been deployed`);
    ctx.out.step(`Stopping ${app}`);
    await schedulerFor(ctx, app).stop(ctx, app);
    setRestore(ctx, app, false);
    await repointApp(ctx, app);
  });
}

/** `ps:restart [<app> [<proc>]|--all]`: fresh containers of the current release, old ones retired after. */
export function restartApps(ctx: Context, targets: Targets, processType?: string): Promise<void> {
  if (targets.all && processType !== undefined) fail("Unable to restart all apps when specifying a process name");
  return forTargets(ctx, targets, "restart", async (app) => {
    const restarted = await withCurrentRelease(ctx, app, (scheduler, release, formation) =>
      scheduler.restart(ctx, app, release, formation, processType),
    );
    if (restarted) setRestore(ctx, app, true);
  });
}

/**
 * `ps:restore [<app>]`: starts every deployed app that should run (not stopped with ps:stop),
 * then points each app's proxy at its containers' addresses of now: after the engine restarted
 * them they run, but at new addresses, which may be another app's old ones.
 */
export function restoreApps(ctx: Context, targets: Targets): Promise<void> {
  if (!targets.all && targets.app === undefined) {
    ctx.out.warn("Restore specified without app, assuming --all");
    return runAgainstAllApps(ctx, "restore", targets.parallel, (app) => restoreApp(ctx, app));
  }
  return forTargets(ctx, targets, "restore", (app) => restoreApp(ctx, app));
}

/** Under the deploy lock (what a crashed deploy left is settled when it is taken): leftovers go, then the app starts; then its proxy follows its containers. */
async function restoreApp(ctx: Context, app: string): Promise<void> {
  if (!currentRelease(ctx, app)) return ctx.out.warn(`App ${app} has not been deployed`);
  let failure: { error: unknown } | undefined;
  if (shouldRestore(ctx, app)) {
    try {
      await withCurrentRelease(ctx, app, async (scheduler, release, formation) => {
        await scheduler.retire(ctx, app);
        ctx.out.step("Starting app");
        await scheduler.start(ctx, app, release, formation);
      });
    } catch (error) {
      failure = { error };
    }
  } else {
    ctx.out.warn(`Skipping ps:restore for ${app} as restore property is false`);
  }
  // whatever became of the start, and for a stopped app too: the config must not keep addresses
  // the engine may have given to another app's containers
  reportRepoint(ctx, app, await repointApp(ctx, app));
  if (failure) throw failure.error;
}
