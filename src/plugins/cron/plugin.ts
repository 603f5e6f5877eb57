import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

const schedule = async () => (await import("./host-schedule")).writeHostSchedule;

/**
 * The cron plugin: app.json `cron` tasks in the host schedule. Its properties move with the
 * app (apps:rename/clone/destroy move every plugin's scope); the schedule is regenerated after
 * each deploy, and when an app is destroyed or renamed.
 */
export const cronPlugin: CorePlugin = {
  name: "cron",
  register(bus) {
    bus.on("post-deploy", "cron", async (_payload, ctx) => {
      await (await schedule())(ctx);
      return null;
    });
    bus.on("post-delete", "cron", async (_payload, ctx) => {
      await (await schedule())(ctx);
      return null;
    });
    bus.on("post-app-rename", "cron", async ({ oldApp, newApp }, ctx) => {
      await (await import("./handlers")).carryTaskMaintenance(ctx, oldApp, newApp);
      return null;
    });
    bus.on("post-app-clone", "cron", async ({ oldApp, newApp }, ctx) => {
      await (await import("./handlers")).carryTaskMaintenance(ctx, oldApp, newApp);
      return null;
    });
    bus.on("report", "cron", async ({ app }, ctx) => [
      toReportSection((await import("./report")).cronReport(ctx, app)),
    ]);
  },
};
