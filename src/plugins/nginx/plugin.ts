import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Handlers load their implementation when they run. */
const switching = () => import("./switch");
const building = () => import("./build-config");
const server = () => import("./server");

export const nginxPlugin: CorePlugin = {
  name: "nginx",
  register(bus) {
    bus.on("proxy-switch", "nginx", async (payload, ctx) => (await switching()).switchUpstreams(ctx, payload));
    // the app dir, and its nginx.conf with it, is gone: stop serving the app
    bus.on("post-delete", "nginx", async (_payload, ctx) => {
      await (await server()).reloadIfRunning(ctx);
      return null;
    });
    // the config moved with the app dir but names the old app: build it again for the new name,
    // or clear it when the app is not started again (Dokku clears it on rename)
    bus.on("post-app-rename", "nginx", async ({ newApp, skipDeploy }, ctx) => {
      const { buildNginxConfig, removeAppConfig } = await building();
      if (skipDeploy) await removeAppConfig(ctx, newApp);
      else await buildNginxConfig(ctx, newApp);
      return null;
    });
    bus.on("report", "nginx", async ({ app }, ctx) => [
      toReportSection((await import("./report")).nginxReport(ctx, app)),
    ]);
  },
};
