import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";
import { formatVersion } from "./describe";
import { currentReleaseId, releaseIds } from "./release-store";

/** The `releases:set` properties: `config/releases/<app|--global>/keep`. */
export const RELEASES_PLUGIN = "releases";
export const DEFAULT_KEEP = 5;

/** How many of the newest releases keep their images: the app's `keep`, else the global one, else 5. */
export function keepCount(ctx: Pick<Context, "store">, app: string): number {
  const value = Number(
    ctx.store.get(RELEASES_PLUGIN, app, "keep") || ctx.store.get(RELEASES_PLUGIN, GLOBAL, "keep") || DEFAULT_KEEP,
  );
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_KEEP;
}

/** `releases:set <app>|--global keep [<N>]`: N a whole number >= 1; no value goes back to the default. */
export function setReleasesProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: RELEASES_PLUGIN,
    scope,
    key,
    value,
    properties: ["keep"],
    globalProperties: ["keep"],
    validate: (_property, given) =>
      /^[1-9][0-9]{0,5}$/.test(given) ? undefined : "Invalid keep specified: must be a whole number of at least 1",
  });
}

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
