import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

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
