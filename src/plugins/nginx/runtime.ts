import type { Context } from "../../core/context";
import { failpoint } from "../../core/failpoint";
import { appDir, pluginDataDir } from "../../core/paths";
import { changeConfig, nginxExecutor, nginxOptionsFrom, type ChangeOutcome, type Nginx } from "../../executors/nginx";

/** The nginx this process drives (DOKKU_NGINX_BIN, DOKKU_NGINX_CONF; sudo -n for the dokku user). */
export function nginxFor(ctx: Pick<Context, "env" | "isRoot">): Nginx {
  return nginxExecutor(nginxOptionsFrom(ctx.env, ctx.isRoot));
}

/** `$DOKKU_ROOT/<app>/nginx.conf`, which the main config includes. */
export function appConfigPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${appDir(ctx.paths, app)}/nginx.conf`;
}

/** One lock for every change of the server's nginx config. */
export function nginxLockPath(ctx: Pick<Context, "paths">): string {
  return `${pluginDataDir(ctx.paths, "nginx")}/config.lock`;
}

/**
 * Puts the app's config live (undefined removes it), checked and reloaded; throws nginx's error,
 * the old config kept. `beforeWrite` runs under the nginx lock right before a new text is written.
 */
export function changeAppConfig(
  ctx: Context,
  app: string,
  text: string | undefined,
  beforeWrite?: () => Promise<void>,
): Promise<ChangeOutcome> {
  return changeConfig(nginxFor(ctx), {
    path: appConfigPath(ctx, app),
    text,
    lockPath: nginxLockPath(ctx),
    owner: ctx.owner,
    beforeWrite,
    afterWrite: () => failpoint(ctx.env, "nginx:config-written"),
  });
}

/** Tells the user what became of the change, in Dokku's words where it has them. */
export function reportOutcome(ctx: Context, outcome: ChangeOutcome): void {
  if (outcome === "reloaded") ctx.out.detail("Reloading nginx");
  else if (outcome === "written") ctx.out.detail("nginx is not running: the change applies when it starts");
}
