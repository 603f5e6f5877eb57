import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

export const checksPlugin: CorePlugin = {
  name: "checks",
  register(bus) {
    bus.on("report", "checks", async ({ app }, ctx) => [
      toReportSection((await import("./report")).checksReport(ctx, app)),
    ]);
  },
};
