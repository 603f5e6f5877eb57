import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { computedProxyType, isProxyEnabled, PROXY_TYPES, warnUndrivenProxyType } from "./properties";

export const proxyPlugin: CorePlugin = {
  name: "proxy",
  register(bus) {
    // what a plugin's proxy-type answer may name: a proxy type this host has
    bus.referent("proxy-type", () => PROXY_TYPES);
    // the app's type, else the global one, else nginx: other proxies answer through their own plugin
    bus.on("proxy-type", "proxy", ({ app }, ctx) => computedProxyType(ctx, app));
    bus.on("proxy-is-enabled", "proxy", ({ app }, ctx) => String(isProxyEnabled(ctx, app)));
    bus.on("post-deploy", "proxy", async ({ app }, ctx) => {
      await warnUndrivenProxyType(ctx, app);
      return null;
    });
    bus.on("report", "proxy", async ({ app }, ctx) => [
      toReportSection((await import("./report")).proxyReport(ctx, app)),
    ]);
  },
};
