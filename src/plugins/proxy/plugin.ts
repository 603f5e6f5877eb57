import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { computedProxyType } from "./properties";

export const proxyPlugin: CorePlugin = {
  name: "proxy",
  register(bus) {
    // the app's type, else the global one, else nginx: other proxies answer through their own plugin
    bus.on("proxy-type", "proxy", ({ app }, ctx) => computedProxyType(ctx, app));
    bus.on("report", "proxy", async ({ app }, ctx) => [toReportSection((await import("./report")).proxyReport(ctx, app))]);
  },
};
