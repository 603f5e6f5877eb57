import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { builderNames } from "./builders";
import { BUILDER_PLUGIN, BUILDER_PROPERTIES, DETECTED_PROPERTY } from "./properties";
import { setPluginProperty } from "../property-set";

/** `builder:set <app>|--global <key> [<value>]`. */
export async function setBuilderProperty(
  ctx: Context,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  if (key === DETECTED_PROPERTY) {
    ctx.out.warn("detected is a read-only property");
    return;
  }
  await setPluginProperty(ctx, {
    plugin: BUILDER_PLUGIN,
    scope: target,
    key,
    value,
    properties: [...BUILDER_PROPERTIES, DETECTED_PROPERTY],
    globalProperties: BUILDER_PROPERTIES,
    validate: validateBuilderValue,
  });
}

/** Why a builder property's value is refused (build-dir's own check throws); undefined when valid. */
function validateBuilderValue(key: string, value: string): string | undefined {
  if (key === "selected" && !builderNames().includes(value))
    return `Invalid builder specified: ${value}. Valid builders: ${builderNames().join(", ")}`;
  if (key === "build-dir") treeRelativePath(value, "build-dir");
  if (key === "skip-cleanup" && value !== "true" && value !== "false") return "skip-cleanup must be true or false";
  return undefined;
}
