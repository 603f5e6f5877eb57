import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Handlers load their implementation when they run. */
const handlers = () => import("./handlers");

export const domainsPlugin: CorePlugin = {
  name: "domains",
  register(bus) {
    bus.on("post-create", "domains", async ({ app }, ctx) => {
      await (await handlers()).domainsPostCreate(ctx, app);
      return null;
    });
    bus.on("post-app-rename", "domains", async (payload, ctx) => {
      await (await handlers()).domainsPostRename(ctx, payload);
      return null;
    });
    bus.on("post-app-clone", "domains", async (payload, ctx) => {
      await (await handlers()).domainsPostClone(ctx, payload);
      return null;
    });
    bus.on("post-deploy", "domains", async ({ app }, ctx) => {
      await (await import("./address-warning")).warnAddressDomains(ctx, app);
      return null;
    });
    bus.on("report", "domains", async ({ app }, ctx) => [
      toReportSection((await import("./report")).domainsReport(ctx, app)),
    ]);
  },
};
