import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Handlers load their implementation when they run: a command that fires nothing of ours pays nothing. */
const handlers = () => import("./handlers");

export const psPlugin: CorePlugin = {
  name: "ps",
  register(bus) {
    bus.on("post-create", "ps", async ({ app }, ctx) => {
      (await handlers()).initialScale(ctx, app);
      return null;
    });
    bus.on("post-deploy", "ps", async ({ app }, ctx) => {
      (await handlers()).recordDeployed(ctx, app);
      return null;
    });
    bus.on("post-config-update", "ps", async (payload, ctx) => {
      await (await handlers()).restartOnConfigChange(ctx, payload);
      return null;
    });
    bus.on("post-app-rename", "ps", async (payload, ctx) => {
      await (await handlers()).moveContainersOnRename(ctx, payload);
      return null;
    });
    bus.on("report", "ps", async ({ app }, ctx) => [
      toReportSection(await (await import("./report")).psReport(ctx, app)),
    ]);
  },
};
