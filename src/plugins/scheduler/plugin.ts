import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { ignoreMissingDocker } from "./docker-availability";
import { schedulerFor } from "./select-scheduler";
import { schedulerReport } from "./report";

export const schedulerPlugin: CorePlugin = {
  name: "scheduler",
  register(bus) {
    bus.on("report", "scheduler", async ({ app }, ctx) => [toReportSection(schedulerReport(ctx, app))]);
    // apps:destroy: the app's containers and images go before its state does
    bus.on("pre-delete", "scheduler", async ({ app }, ctx) => {
      await ignoreMissingDocker(() => schedulerFor(ctx, app).destroy(ctx, app));
      return null;
    });
  },
};
