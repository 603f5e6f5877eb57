import type { CorePlugin } from "../core-plugin";
import { toReportSection } from "../../core/report";
import { builderReport } from "./report";

export const builderPlugin: CorePlugin = {
  name: "builder",
  register(bus) {
    // what a plugin's builder-detect answer may name: a builder this host has
    bus.referent("builder", async () => (await import("./builders")).builderNames());
    bus.on("report", "builder", ({ app }, ctx) => [toReportSection(builderReport(ctx, app))]);
  },
};
