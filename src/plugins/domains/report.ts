import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { appVhostPath, readVhostFile } from "./vhost-files";
import { appVhosts, globalDomains, isAppVhostEnabled } from "./vhosts";

/**
 * The domains report of an app or of --global, as Dokku's domains/report.go: `app vhosts` is the
 * app's VHOST file (what it would serve when enabled; its default vhosts when it has no file),
 * `global enabled` whether a valid global domain is set.
 */
export function domainsReport(ctx: Pick<Context, "paths" | "store">, target: string): Report {
  const globals = globalDomains(ctx);
  const global = {
    "--domains-global-enabled": String(globals.length > 0),
    "--domains-global-vhosts": globals.join(" "),
  };
  if (target === GLOBAL) return { type: "domains", target, legacyKeys: false, entries: global };
  const enabled = isAppVhostEnabled(ctx, target);
  const own = readVhostFile(appVhostPath(ctx, target));
  const vhosts = own ?? (enabled ? appVhosts(ctx, target) : []);
  return {
    type: "domains",
    legacyKeys: false,
    target,
    entries: { "--domains-app-enabled": String(enabled), "--domains-app-vhosts": vhosts.join(" "), ...global },
  };
}
