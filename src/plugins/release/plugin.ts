import { existsSync, renameSync, rmSync } from "node:fs";
import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";
import { releasesDir } from "./release-store";

export const releasePlugin: CorePlugin = {
  name: "release",
  register(bus) {
    bus.on("post-delete", "release", ({ app }, ctx) => {
      rmSync(releasesDir(ctx, app), { recursive: true, force: true });
      return null;
    });
    bus.on("post-app-rename", "release", async ({ oldApp, newApp }, ctx) => {
      if (!existsSync(releasesDir(ctx, oldApp))) return null;
      rmSync(releasesDir(ctx, newApp), { recursive: true, force: true });
      renameSync(releasesDir(ctx, oldApp), releasesDir(ctx, newApp));
      await (await import("./rename-images")).moveReleaseImages(ctx, oldApp, newApp);
      return null;
    });
    bus.on("report", "release", async ({ app }, ctx) => [
      toReportSection((await import("./report")).releasesReport(ctx, app)),
    ]);
  },
};
