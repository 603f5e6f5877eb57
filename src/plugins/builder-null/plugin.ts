import type { CorePlugin } from "../core-plugin";
import { NULL_BUILDER } from "./name";

/** Never detected for a source tree (as in Dokku); an image source needs no build, so it is ours. */
export const builderNullPlugin: CorePlugin = {
  name: "builder-null",
  register(bus) {
    bus.on("builder-detect", "builder-null", ({ sourceDir }) => (sourceDir === null ? NULL_BUILDER : null));
  },
};
