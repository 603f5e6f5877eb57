import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { dockerLocalReport } from "../scheduler/docker-local-settings";

export const schedulerDockerLocalPlugin: CorePlugin = {
  name: "scheduler-docker-local",
  register(bus) {
    bus.on("report", "scheduler-docker-local", ({ app }, ctx) => [toReportSection(dockerLocalReport(ctx, app))]);
  },
};
