import { parseBuildArgKeys, treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";
import { BUILDER_DOCKERFILE_PLUGIN, dockerfilePaths } from "./dockerfile-path";

/** `dockerfile-path` as in Dokku; `build-args-keys` (ours) until docker-options arrives. */
const PROPERTIES = ["build-args-keys", "dockerfile-path"];

/** `builder-dockerfile:set <app>|--global <key> [<value>]`. */
export function setBuilderDockerfileProperty(
  ctx: Context,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: BUILDER_DOCKERFILE_PLUGIN,
    scope: target,
    key,
    value,
    properties: PROPERTIES,
    globalProperties: PROPERTIES,
    validate: (property, raw) => {
      if (property === "dockerfile-path" && treeRelativePath(raw, "dockerfile-path") === "")
        return `Invalid dockerfile-path '${raw}': it must name a file inside the app's source tree`;
      if (property === "build-args-keys") parseBuildArgKeys(raw);
      return undefined;
    },
  });
}

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
