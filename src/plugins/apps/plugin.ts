import type { CorePlugin } from "../core-plugin";
import { allApps } from "./app-list";
import { toReportSection } from "../../core/report";
import { appsReport } from "./report";

export const appsPlugin: CorePlugin = {
  name: "apps",
  register(bus) {
    bus.on("app-list", "apps", (_payload, ctx) => allApps(ctx));
    // what a plugin's result may name as an app (`refers: "app"`): an app that exists
    bus.referent("app", (ctx) => allApps(ctx));
    bus.on("report", "apps", ({ app }, ctx) => [toReportSection(appsReport(ctx, app))]);
  },
};
