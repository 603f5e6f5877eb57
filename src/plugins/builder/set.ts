import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { builderNames, unavailableBuilderMessage } from "./builders";
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
  if (key === "selected" && value !== "" && BUILDER_NAME.test(value) && !builderNames().includes(value))
    ctx.out.warn(unavailableBuilderMessage(value, "selected"));
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

/** A builder's name as `selected` takes it: Dokku takes any, a plugin's included; we bound it to a plugin name. */
const BUILDER_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Why a builder property's value is refused (build-dir's own check throws); undefined when valid. */
function validateBuilderValue(key: string, value: string): string | undefined {
  if (key === "selected" && !BUILDER_NAME.test(value))
    return `Invalid builder specified: ${value}. A builder's name is 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit`;
  if (key === "build-dir") treeRelativePath(value, "build-dir");
  if (key === "skip-cleanup" && value !== "true" && value !== "false") return "skip-cleanup must be true or false";
  return undefined;
}
