import { parseBuildArgKeys, treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { setPluginProperty } from "../property-set";
import { BUILDER_DOCKERFILE_PLUGIN } from "./dockerfile-path";

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
