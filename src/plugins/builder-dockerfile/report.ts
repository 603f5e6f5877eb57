import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { BUILDER_DOCKERFILE_PLUGIN, dockerfilePaths } from "./dockerfile-path";

/** The `builder-dockerfile` report of an app or of --global (Dokku's flags plus build-args-keys). */
export function builderDockerfileReport(ctx: Pick<Context, "store">, target: string): Report {
  const paths = dockerfilePaths(ctx, target);
  const globalKeys = ctx.store.get(BUILDER_DOCKERFILE_PLUGIN, GLOBAL, "build-args-keys") ?? "";
  const entries: Record<string, string> = {
    "--builder-dockerfile-computed-dockerfile-path": paths.computed,
    "--builder-dockerfile-global-dockerfile-path": paths.global,
    "--builder-dockerfile-global-build-args-keys": globalKeys,
  };
  if (target !== GLOBAL) {
    const ownKeys = ctx.store.get(BUILDER_DOCKERFILE_PLUGIN, target, "build-args-keys") ?? "";
    entries["--builder-dockerfile-dockerfile-path"] = paths.app;
    entries["--builder-dockerfile-build-args-keys"] = ownKeys;
    entries["--builder-dockerfile-computed-build-args-keys"] = ownKeys || globalKeys;
  }
  return { type: "builder-dockerfile", target, legacyKeys: false, entries };
}
