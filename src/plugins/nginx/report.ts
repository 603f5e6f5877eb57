import { statSync } from "node:fs";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { NGINX_PROPERTIES } from "../../builders/nginx-properties";
import { GLOBAL } from "../../store/property-store";
import { nginxPropertyValues } from "./properties";

/** The nginx report of an app or --global, as Dokku's nginx-vhosts report.go. */
export function nginxReport(ctx: Context, target: string): Report {
  const values = nginxPropertyValues(ctx, target);
  const entries: Record<string, string> = {};
  for (const key of NGINX_PROPERTIES) {
    entries[`--nginx-global-${key}`] = values.global[key];
    if (target === GLOBAL) continue;
    entries[`--nginx-${key}`] = values.app[key];
    entries[`--nginx-computed-${key}`] = values.computed[key];
  }
  if (target !== GLOBAL) entries["--nginx-last-visited-at"] = lastVisitedAt(values.app["access-log-path"]);
  return { type: "nginx", target, legacyKeys: false, entries };
}

/** The access log's mtime in epoch seconds, for an app with its own access log path (Dokku's). */
function lastVisitedAt(path: string): string {
  if (path === "" || path === "off" || path === "/dev/null") return "";
  try {
    const stat = statSync(path);
    return stat.isFile() ? String(Math.floor(stat.mtimeMs / 1000)) : "";
  } catch {
    return "";
  }
}
