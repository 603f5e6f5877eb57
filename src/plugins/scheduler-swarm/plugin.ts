import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

export const schedulerSwarmPlugin: CorePlugin = {
  name: "scheduler-swarm",
  register(bus) {
    bus.on("report", "scheduler-swarm", async ({ app }, ctx) => [
      toReportSection((await import("./report")).swarmReport(ctx, app)),
    ]);
  },
};
