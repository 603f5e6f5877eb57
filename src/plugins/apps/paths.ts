import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";

/** The apps plugin's name: its properties live under `config/apps/`, its data under `data/apps/`. */
export const APPS_PLUGIN = "apps";

/** `$DOKKU_LIB_ROOT/data/apps/<app>`: the app's data directory (Dokku's GetAppDataDirectory). */
export function appsDataDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${pluginDataDir(ctx.paths, APPS_PLUGIN)}/${app}`;
}

/**
 * The deploy lock marker. Dokku moved it from `$DOKKU_ROOT/<app>/.deploy.lock` into the apps
 * data directory (dokku#6156); `apps:lock`, deploys and `builds:cancel` all use this path.
 */
export function deployLockPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${appsDataDir(ctx, app)}/.deploy.lock`;
}
