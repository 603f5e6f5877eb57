import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { schedulerDockerLocalReport } from "../scheduler/shared/docker-local-settings";

export const schedulerDockerLocalPlugin: CorePlugin = {
  name: "scheduler-docker-local",
  register(bus) {
    bus.on("report", "scheduler-docker-local", ({ app }, ctx) => [
      toReportSection(schedulerDockerLocalReport(ctx, app)),
    ]);
  },
};
