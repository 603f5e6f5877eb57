import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/**
 * The storage plugin's handlers. Its per-app attachments live in the property store, which
 * apps:rename moves, apps:clone copies and apps:destroy removes with every other plugin's;
 * entries (data/storage-registry) and data under data/storage are global and never removed here.
 */
export const storagePlugin: CorePlugin = {
  name: "storage",
  register(bus) {
    bus.on("report", "storage", async ({ app }, ctx) => [
      toReportSection((await import("./report")).storageReport(ctx, app)),
    ]);
  },
};
