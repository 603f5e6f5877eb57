import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { PROPERTIES_ONLY } from "./namespaces";
import { propertiesOnlyReport } from "./properties";

/** Each properties-only namespace's section of `dokku report <app>`, as Dokku's report triggers give. */
export const propertiesOnlyPlugin: CorePlugin = {
  name: "properties-only",
  register(bus) {
    for (const name of Object.keys(PROPERTIES_ONLY))
      bus.on("report", name, ({ app }, ctx) => [toReportSection(propertiesOnlyReport(ctx, name, app, false))]);
  },
};
