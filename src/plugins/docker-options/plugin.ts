import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Its properties move, copy and go with the app through the store's scope operations; it only reports. */
export const dockerOptionsPlugin: CorePlugin = {
  name: "docker-options",
  register(bus) {
    bus.on("report", "docker-options", async ({ app }, ctx) => [
      toReportSection((await import("./report")).dockerOptionsReport(ctx, app)),
    ]);
  },
};
