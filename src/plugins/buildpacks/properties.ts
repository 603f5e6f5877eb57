import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";

export const BUILDPACKS_PLUGIN = "buildpacks";

/** The app's buildpack URLs, in order. */
export function storedBuildpacks(ctx: Pick<Context, "store">, app: string): string[] {
  return ctx.store.getList(BUILDPACKS_PLUGIN, app, "buildpacks").filter((url) => url.trim() !== "");
}

/** The `buildpacks` report of an app or of --global, with Dokku's flags. */
export function buildpacksReport(ctx: Pick<Context, "store">, target: string): Report {
  const global = ctx.store.get(BUILDPACKS_PLUGIN, GLOBAL, "stack") ?? "";
  if (target === GLOBAL) return { type: "buildpacks", target, entries: { "--buildpacks-global-stack": global } };
  const own = ctx.store.get(BUILDPACKS_PLUGIN, target, "stack") ?? "";
  return {
    type: "buildpacks",
    target,
    entries: {
      "--buildpacks-computed-stack": own || global,
      "--buildpacks-global-stack": global,
      "--buildpacks-list": storedBuildpacks(ctx, target).join(","),
      "--buildpacks-stack": own,
    },
  };
}
