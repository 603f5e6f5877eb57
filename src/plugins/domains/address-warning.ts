import { existsSync } from "node:fs";
import type { Context } from "../../core/context";
import { addressFamilyAmong } from "../../builders/domain-name";
import { defaultSitePath, nginxOptionsFrom } from "../../executors/nginx";
import { servedByNginx } from "../proxy/properties";
import { appVhostPath, globalVhostPath, readVhostFile } from "./vhost-files";
import { isAppVhostEnabled } from "./vhosts";

/**
 * Dokku's domains core-post-deploy: after a deploy of an app nginx serves, while nginx's default
 * site is enabled, an IP address among the app's domains or the global ones (Dokku's check reads
 * the global VHOST file) is warned about: the default site answers for that address, not the app.
 */
export async function warnAddressDomains(ctx: Context, app: string): Promise<void> {
  if (!existsSync(defaultSitePath(nginxOptionsFrom(ctx.env, ctx.isRoot)))) return;
  if (!(await servedByNginx(ctx, app))) return;
  const own = isAppVhostEnabled(ctx, app) ? (readVhostFile(appVhostPath(ctx, app)) ?? []) : [];
  const family = addressFamilyAmong([...own, ...(readVhostFile(globalVhostPath(ctx)) ?? [])]);
  if (family === undefined) return;
  ctx.out.warn(`Detected IPv${family} domain name with nginx proxy enabled.`);
  ctx.out.warn("Ensure the default nginx site is removed before continuing.");
}
