import type { Payload } from "../../triggers/bus";
import type { Context } from "../../core/context";
import { scaleToLines } from "../../builders/ps-scale";
import { allApps } from "../apps/app-list";
import { ignoreMissingDocker } from "../scheduler/docker-availability";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import { formationFor } from "./formation";
import { PS_PLUGIN, setRestore, shouldRestore } from "./properties";
import { configDescription } from "../release/describe";
import { releaseWithNewConfig, withCurrentRelease } from "./redeploy";

/** post-create: a new app starts with `web=1`, as Dokku's ps post-create. */
export function initialScale(ctx: Context, app: string): void {
  ctx.store.setList(PS_PLUGIN, app, "scale", ["web=1"]);
}

/**
 * post-deploy: the app should run again after a reboot (restore=true), and the scale it was
 * deployed at is saved, Procfile types at 0 included (Dokku's post-release-builder and
 * app.json formation do the same), so ps:scale shows it and later deploys keep it.
 */
export function recordDeployed(ctx: Context, app: string): void {
  setRestore(ctx, app, true);
  const release = currentRelease(ctx, app);
  if (!release) return;
  ctx.store.setList(PS_PLUGIN, app, "scale", scaleToLines(Object.entries(formationFor(ctx, app, release))));
}

/**
 * post-config-update: unless --no-restart, a deployed app (every deployed app for the global
 * scope) that is not stopped is redeployed with its new environment, as Dokku's config restart,
 * and that makes a new release (`config:set FOO`) of the same image, as on Heroku.
 */
export async function restartOnConfigChange(ctx: Context, payload: Payload<"post-config-update">): Promise<void> {
  if (!payload.restart) return;
  const apps = payload.scope.kind === "app" ? [payload.scope.app] : allApps(ctx);
  for (const app of apps) {
    if (!currentRelease(ctx, app) || !shouldRestore(ctx, app)) continue;
    ctx.out.step(`Restarting app ${app}`);
    try {
      await releaseWithNewConfig(
        ctx,
        app,
        configDescription(payload.action, payload.keys, payload.scope.kind === "global"),
      );
    } catch (error) {
      ctx.out.warn(`Failure while restarting app: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * post-app-rename: containers carry the old name in their names and labels. The current release
 * is deployed again under the new name (unless the app was stopped, or --skip-deploy), then the
 * old name's containers are removed; images stay, the release still runs them.
 */
export async function moveContainersOnRename(ctx: Context, payload: Payload<"post-app-rename">): Promise<void> {
  const { oldApp, newApp } = payload;
  if (!payload.skipDeploy && currentRelease(ctx, newApp) && shouldRestore(ctx, newApp)) {
    await withCurrentRelease(ctx, newApp, (scheduler, release, formation) =>
      scheduler.deploy(ctx, newApp, release, formation),
    );
  }
  await ignoreMissingDocker(() => schedulerFor(ctx, newApp).destroy(ctx, oldApp, { keepImages: true }));
}
