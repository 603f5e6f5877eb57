import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

export const schedulerPlugin: CorePlugin = {
  name: "scheduler",
  register(bus) {
    bus.on("report", "scheduler", async ({ app }, ctx) => [
      toReportSection((await import("./settings")).schedulerReport(ctx, app)),
    ]);
    // apps:destroy: the app's containers and images go before its state does
    bus.on("pre-delete", "scheduler", async ({ app }, ctx) => {
      const [{ ignoreMissingDocker }, { schedulerFor }] = await Promise.all([
        import("./docker-availability"),
        import("./select-scheduler"),
      ]);
      await ignoreMissingDocker(() => schedulerFor(ctx, app).destroy(ctx, app));
      return null;
    });
  },
};
