import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

export const registryPlugin: CorePlugin = {
  name: "registry",
  register(bus) {
    bus.on("report", "registry", async ({ app }, ctx) => [
      toReportSection((await import("./report")).registryReport(ctx, app)),
    ]);
  },
};
