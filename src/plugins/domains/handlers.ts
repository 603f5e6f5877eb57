import type { Context } from "../../core/context";
import type { Payload } from "../../triggers/bus";
import { renameDefaultVhosts } from "../../builders/domain-vhosts";
import { rebuildProxyConfig } from "./rebuild-proxy";
import { appVhostPath, readVhostFile, removeVhostFile, writeVhostFile } from "./vhost-files";
import { globalDomains } from "./vhosts";
import { quietOutput, setupDomains } from "./vhost-switch";

/**
 * post-create: the new app's VHOST file with its default vhosts (Dokku's domains post-create).
 * These handlers take no app lock: apps:create, rename and clone hold it while they fire.
 */
export function domainsPostCreate(ctx: Context, app: string): Promise<void> {
  return setupDomains(ctx, app);
}

/**
 * post-app-rename: the app dir (and its VHOST file) already moved; its default vhosts follow
 * the new name (`old.<domain>` -> `new.<domain>`), custom domains stay. The proxy config is
 * built again when the renamed app runs.
 */
export async function domainsPostRename(ctx: Context, { oldApp, newApp }: Payload<"post-app-rename">): Promise<void> {
  const path = appVhostPath(ctx, newApp);
  const current = readVhostFile(path);
  if (current === undefined) return;
  const renamed = renameDefaultVhosts(current, oldApp, newApp, globalDomains(ctx));
  if (renamed.join("\n") === current.join("\n")) return;
  writeVhostFile(ctx, path, renamed);
  await rebuildProxyConfig(ctx, newApp);
}

/** post-app-clone: the clone gets its own default vhosts, never the original's domains (Dokku's post-app-clone-setup). */
export function domainsPostClone(ctx: Context, { newApp }: Payload<"post-app-clone">): Promise<void> {
  removeVhostFile(appVhostPath(ctx, newApp));
  return setupDomains({ ...ctx, out: quietOutput(ctx.out) }, newApp);
}
