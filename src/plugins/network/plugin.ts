import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/**
 * The network plugin's part in `dokku report`. Its properties need no rename/delete handlers:
 * apps:destroy, apps:rename and apps:clone move every plugin's property scope.
 */
export const networkPlugin: CorePlugin = {
  name: "network",
  register(bus) {
    bus.on("report", "network", async ({ app }, ctx) => [
      toReportSection(await (await import("./report")).networkReport(ctx, app)),
    ]);
  },
};
