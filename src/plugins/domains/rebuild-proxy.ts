import type { Context } from "../../core/context";
import { servedByNginx } from "../proxy/properties";
import { shouldRestore } from "../ps/properties";
import { currentRelease } from "../release/releases";
import { schedulerFor } from "../scheduler/select-scheduler";

/**
 * After a domains or ports change: the app's nginx config is built again from its running web
 * containers, as Dokku's post-domains-update / post-proxy-ports-update. Skipped when the app
 * never deployed, is stopped or has no running web container (its next deploy writes the
 * config), when its proxy is disabled, and when another proxy than nginx serves it.
 */
export async function rebuildProxyConfig(ctx: Context, app: string): Promise<void> {
  if (!currentRelease(ctx, app) || !shouldRestore(ctx, app)) return;
  if (!(await servedByNginx(ctx, app)) || !(await hasRunningWeb(ctx, app))) return;
  const { buildNginxConfig } = await import("../nginx/build-config");
  await buildNginxConfig(ctx, app);
}

async function hasRunningWeb(ctx: Context, app: string): Promise<boolean> {
  try {
    const containers = await schedulerFor(ctx, app).status(ctx, app);
    return containers.some((container) => container.proc === "web" && container.state === "running");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ECONNREFUSED") return false;
    throw error;
  }
}
