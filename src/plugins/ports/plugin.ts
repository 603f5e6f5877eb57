import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Handlers load their implementation when they run. */
const portMaps = () => import("./port-maps");

export const portsPlugin: CorePlugin = {
  name: "ports",
  register(bus) {
    // what the new image exposes is known before its containers start, so the proxy switch
    // to them already listens with its ports; post-deploy records it again for deploys
    // (rollbacks) that start an image without pre-deploy
    bus.on("pre-deploy", "ports", async ({ app, image }, ctx) => {
      await (await portMaps()).recordDetectedPortMaps(ctx, app, image);
      return null;
    });
    bus.on("post-deploy", "ports", async ({ app, image }, ctx) => {
      await (await portMaps()).recordDetectedPortMaps(ctx, app, image);
      return null;
    });
    bus.on("report", "ports", async ({ app }, ctx) => [
      toReportSection(await (await import("./report")).portsReport(ctx, app)),
    ]);
  },
};
