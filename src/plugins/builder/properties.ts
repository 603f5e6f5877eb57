import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

export const BUILDER_PLUGIN = "builder";

/** Properties `builder:set` writes, per app and globally (Dokku's DefaultProperties less `detected`). */
export const BUILDER_PROPERTIES = ["build-dir", "selected", "skip-cleanup"] as const;
/** Written by deploys only: `builder:set <app> detected` warns and does nothing, as in Dokku. */
export const DETECTED_PROPERTY = "detected";

/** The app's value, else the global one, else "". */
export function computedBuilderProperty(ctx: Pick<Context, "store">, app: string, key: string): string {
  return ctx.store.getComputed(BUILDER_PLUGIN, app, key);
}

export function globalBuilderProperty(ctx: Pick<Context, "store">, key: string): string {
  return ctx.store.get(BUILDER_PLUGIN, GLOBAL, key) ?? "";
}
