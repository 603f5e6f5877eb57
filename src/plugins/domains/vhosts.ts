import type { Context } from "../../core/context";
import { defaultVhosts, isValidDomain } from "../../builders/domain-name";
import { readEnv } from "../config/env-store";
import { appVhostPath, globalVhostPath, readVhostFile } from "./vhost-files";

/** The config var Dokku sets to `1` when an app's vhosts are disabled (`domains:disable`). */
export const NO_VHOST = "NO_VHOST";

/**
 * The global domains: the valid lines of `$DOKKU_ROOT/VHOST` (Dokku ignores the others), lowercased.
 * Set with `domains:set-global` / `add-global`, or by writing the file as Dokku's installer does.
 */
export function globalDomains(ctx: Pick<Context, "paths">): string[] {
  const domains = (readVhostFile(globalVhostPath(ctx)) ?? [])
    .filter(isValidDomain)
    .map((domain) => domain.toLowerCase());
  return [...new Set(domains)];
}

/** Whether the app serves its vhosts: not `domains:disable`d (`NO_VHOST=1` in its config). */
export function isAppVhostEnabled(ctx: Pick<Context, "store">, app: string): boolean {
  return readEnv(ctx, { kind: "app", app }).get(NO_VHOST) !== "1";
}

/**
 * The domains the proxy serves for the app: its VHOST file (the default `<app>.<global domain>`
 * written there when the app was created, plus its custom domains); [] when disabled. An app
 * without a VHOST file (made before domains existed) gets its default vhosts. Lines that are
 * not valid domains are left out.
 */
export function appVhosts(ctx: Pick<Context, "paths" | "store">, app: string): string[] {
  if (!isAppVhostEnabled(ctx, app)) return [];
  const own = readVhostFile(appVhostPath(ctx, app));
  if (own === undefined) return defaultVhosts(app, globalDomains(ctx));
  // a hand-edited line that is no domain must not reach the proxy's config
  return [...new Set(own.filter(isValidDomain).map((domain) => domain.toLowerCase()))];
}
