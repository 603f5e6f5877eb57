import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/**
 * Handlers load what they need on first use: a static import of the registry would load both
 * schedulers (and their Docker executors) in every command's start, ~5 MB more RSS for
 * `apps:list`. These are start-up costs only; test/core/import-cycles.test.ts holds that no lazy
 * import closes a cycle.
 */
export const schedulerPlugin: CorePlugin = {
  name: "scheduler",
  register(bus) {
    bus.on("report", "scheduler", async ({ app }, ctx) => [
      toReportSection((await import("./report")).schedulerReport(ctx, app)),
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
