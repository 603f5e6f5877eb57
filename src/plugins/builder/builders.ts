import type { Builder } from "../deploy/contracts";
import { dockerfileBuilder } from "../builder-dockerfile/builder";
import { nullBuilder } from "../builder-null/builder";
import { UNAVAILABLE_BUILDERS } from "./unavailable";

/** The builders dokku ships, by the name `builder:set <app> selected` and `builder-detect` use. */
export const CORE_BUILDERS: Readonly<Record<string, Builder>> = {
  dockerfile: dockerfileBuilder,
  null: nullBuilder,
};

export function builderNames(): string[] {
  return Object.keys(CORE_BUILDERS).sort();
}

/** Why a deploy cannot build with `name` here: a builder Dokku has and this host lacks, or one nobody has. Pure. */
export function unavailableBuilderMessage(name: string, how: "selected" | "detected"): string {
  const what = UNAVAILABLE_BUILDERS[name];
  const available = builderNames().join(", ");
  const why =
    what === undefined
      ? `Builder ${name} is not a builder of this host`
      : `Builder ${name} (Dokku's, building with ${what}) is not available on this host`;
  const fix =
    how === "selected"
      ? "a deploy will fail until another is selected with builder:set <app> selected dockerfile"
      : "select another with builder:set <app> selected dockerfile";
  return `${why}; available builders: ${available}; ${fix}`;
}
