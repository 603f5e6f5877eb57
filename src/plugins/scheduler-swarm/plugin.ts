import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { swarmReport } from "./report";

export const schedulerSwarmPlugin: CorePlugin = {
  name: "scheduler-swarm",
  register(bus) {
    bus.on("report", "scheduler-swarm", async ({ app }, ctx) => [toReportSection(swarmReport(ctx, app))]);
  },
};
