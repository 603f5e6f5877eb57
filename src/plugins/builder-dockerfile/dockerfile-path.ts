import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";
import { computedBuilderProperty } from "../builder/properties";

export const BUILDER_DOCKERFILE_PLUGIN = "builder-dockerfile";
export const DEFAULT_DOCKERFILE = "Dockerfile";

/** The raw `dockerfile-path` of an app, of the global scope, and the computed one (Dokku's report). */
export function dockerfilePaths(
  ctx: Pick<Context, "store">,
  target: string,
): { app: string; global: string; computed: string } {
  const app = target === GLOBAL ? "" : (ctx.store.get(BUILDER_DOCKERFILE_PLUGIN, target, "dockerfile-path") ?? "");
  const global = ctx.store.get(BUILDER_DOCKERFILE_PLUGIN, GLOBAL, "dockerfile-path") ?? "";
  return { app, global, computed: app || global || DEFAULT_DOCKERFILE };
}

/** The Dockerfile's path inside the build context, normalised (never absolute, never leaving it). */
export function dockerfilePath(ctx: Pick<Context, "store">, app: string): string {
  return treeRelativePath(dockerfilePaths(ctx, app).computed, "dockerfile-path") || DEFAULT_DOCKERFILE;
}

/** Where detection looked, relative to the repository: `[build-dir/]dockerfile-path`. */
export function dockerfileLookedFor(ctx: Pick<Context, "store">, app: string): string {
  const buildDir = treeRelativePath(computedBuilderProperty(ctx, app, "build-dir"), "build-dir");
  return buildDir === "" ? dockerfilePath(ctx, app) : `${buildDir}/${dockerfilePath(ctx, app)}`;
}

/** The `build-args-keys` property (app, else global): config keys passed as `--build-arg`. */
export function buildArgKeysProperty(ctx: Pick<Context, "store">, app: string): string {
  return ctx.store.getComputed(BUILDER_DOCKERFILE_PLUGIN, app, "build-args-keys");
}
