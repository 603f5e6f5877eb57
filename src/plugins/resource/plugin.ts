import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** The resource plugin's section of `dokku report`. Its properties move with apps:rename/clone/destroy through the store's scopes. */
export const resourcePlugin: CorePlugin = {
  name: "resource",
  register(bus) {
    bus.on("report", "resource", async ({ app }, ctx) => [
      toReportSection((await import("./report")).resourceReport(ctx, app)),
    ]);
  },
};
