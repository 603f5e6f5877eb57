import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { formatVersion } from "./describe";
import { currentReleaseId, releaseIds } from "./release-store";
import { DEFAULT_KEEP, keepCount, RELEASES_PLUGIN } from "./properties";

/** `releases:report <app>|--global`. */
export function releasesReport(ctx: Context, target: string): Report {
  const global = ctx.store.get(RELEASES_PLUGIN, GLOBAL, "keep") ?? "";
  const entries: Record<string, string> = {
    "--releases-global-keep": global,
    "--releases-computed-keep": target === GLOBAL ? global || String(DEFAULT_KEEP) : String(keepCount(ctx, target)),
  };
  if (target !== GLOBAL) {
    const current = currentReleaseId(ctx, target);
    entries["--releases-keep"] = ctx.store.get(RELEASES_PLUGIN, target, "keep") ?? "";
    entries["--releases-current"] = current === undefined ? "" : formatVersion(current);
    entries["--releases-count"] = String(releaseIds(ctx, target).length);
  }
  return { type: "releases", target, entries };
}
