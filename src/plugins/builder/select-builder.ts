import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { Builder, DeploySource } from "../deploy/contracts";
import { dockerfileLookedFor } from "../builder-dockerfile/dockerfile-path";
import { NULL_BUILDER } from "../builder-null/builder";
import { buildContextDir } from "./build-dir";
import { CORE_BUILDERS, unavailableBuilderMessage } from "./builders";
import { BUILDER_PLUGIN, computedBuilderProperty, DETECTED_PROPERTY } from "./properties";

/**
 * The builder for a deploy: `builder:set <app> selected` (else the global one) wins; otherwise
 * the `builder-detect` trigger asks each builder in order and the first to answer is recorded
 * as the app's `detected` builder. Nothing detected is an error naming what was looked for.
 */
export async function selectBuilder(ctx: Context, app: string, source: DeploySource): Promise<Builder> {
  const selected = computedBuilderProperty(ctx, app, "selected");
  if (selected !== "") return builderNamed(selected, "selected");
  const sourceDir = source.kind === "tree" ? buildContextDir(ctx, app, source.dir) : null;
  // an image source needs no build: when no plugin claims it, the null builder takes it as it is
  const detected =
    (await ctx.bus.fire("builder-detect", { app, sourceDir })) || (source.kind === "image" ? NULL_BUILDER : undefined);
  if (!detected) fail(`No builder detected: looked for a Dockerfile at ${dockerfileLookedFor(ctx, app)}`, "no-builder");
  ctx.store.set(BUILDER_PLUGIN, app, DETECTED_PROPERTY, detected);
  return builderNamed(detected, "detected");
}

function builderNamed(name: string, how: "selected" | "detected"): Builder {
  const builder = CORE_BUILDERS[name];
  if (!builder) fail(unavailableBuilderMessage(name, how), "unknown-builder");
  return builder;
}
