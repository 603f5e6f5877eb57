import type { CorePlugin } from "../core-plugin";
import { toReportSection } from "../../core/report";
import { builderReport } from "./report";

export const builderPlugin: CorePlugin = {
  name: "builder",
  register(bus) {
    bus.on("report", "builder", ({ app }, ctx) => [toReportSection(builderReport(ctx, app))]);
  },
};
