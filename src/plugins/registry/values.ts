/**
 * Validation of registry property values. Pure.
 */

import {
  isImageRepo,
  isImageTag,
  isRegistry,
  renderImageRepoTemplate,
  trimServer,
} from "../../builders/registry-image";

/** Why `value` (non-empty) is refused for the registry property `key`; undefined when valid. */
export function registryValueProblem(key: string, value: string): string | undefined {
  const invalid = (why: string) => `Invalid ${key} value specified: ${why}`;
  switch (key) {
    case "server":
      return isRegistry(trimServer(value)) ? undefined : invalid(`"${value}" is not host[:port][/path]`);
    case "image-repo":
      return isImageRepo(value)
        ? undefined
        : invalid(`"${value}" is not a repository path of lowercase components such as dokku/node-js-app`);
    case "image-repo-template": {
      const rendered = renderImageRepoTemplate(value, "node-js-app");
      if (rendered === undefined) return invalid("only {{ .AppName }} may be used in the template");
      return isImageRepo(rendered)
        ? undefined
        : invalid(`"${value}" does not render to a repository path such as dokku/node-js-app`);
    }
    case "push-on-release":
      return value === "true" || value === "false" ? undefined : invalid("must be true or false");
    case "push-extra-tags": {
      const bad = value.split(",").find((tag) => !isImageTag(tag.trim()));
      return bad === undefined ? undefined : invalid(`"${bad}" is not an image tag`);
    }
    default:
      return undefined;
  }
}
