import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { appJsonReport } from "./properties";

export const appJsonPlugin: CorePlugin = {
  name: "app-json",
  register(bus) {
    bus.on("report", "app-json", ({ app }, ctx) => [toReportSection(appJsonReport(ctx, app))]);
  },
};
