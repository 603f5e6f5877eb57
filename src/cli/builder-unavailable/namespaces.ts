import { UNAVAILABLE_BUILDER_PROPERTIES } from "../../plugins/builder/unavailable-properties";
import type { Namespace } from "../namespace";

/**
 * `builder-herokuish`, `builder-lambda`, `builder-nixpacks`, `builder-pack`, `builder-railpack`:
 * Dokku's builders this host lacks keep their properties (`:set`, `:report`) as Dokku does, so
 * an operator's scripts carry over; a deploy that needs one of them fails, saying so.
 */
export const unavailableBuilderNamespaces: readonly Namespace[] = Object.entries(UNAVAILABLE_BUILDER_PROPERTIES).map(
  ([name, { description }]) => ({
    name,
    description,
    commands: {
      [`${name}:report`]: async () => ({ default: (await import("./commands")).reportCommandOf(name) }),
      [`${name}:set`]: async () => ({ default: (await import("./commands")).setCommandOf(name) }),
    },
  }),
);
