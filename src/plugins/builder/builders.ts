import type { Builder } from "../deploy/contracts";
import { dockerfileBuilder } from "../builder-dockerfile/builder";
import { nullBuilder } from "../builder-null/builder";

/** The builders dokku ships, by the name `builder:set <app> selected` and `builder-detect` use. */
export const CORE_BUILDERS: Readonly<Record<string, Builder>> = {
  dockerfile: dockerfileBuilder,
  null: nullBuilder,
};

export function builderNames(): string[] {
  return Object.keys(CORE_BUILDERS).sort();
}
