import type { CorePlugin } from "../core-plugin";
import { toReportSection } from "../../core/report";
import { computedBuilderProperty } from "./properties";
import { builderReport } from "./report";
import { detectsHerokuish, hasMarkerFile, MARKER_BUILDERS } from "./unavailable";

/**
 * Detection of the builders Dokku has and this host lacks, after the Dockerfile builder (which
 * yields to herokuish and pack first, as in Dokku): their answer fails the deploy that needs
 * them with a clear message, and `plugin:trigger builder-detect` prints what Dokku would.
 */
export const builderUnavailablePlugin: CorePlugin = {
  name: "builder-unavailable",
  register(bus) {
    bus.on("builder-detect", "builder-herokuish", ({ app, sourceDir }, ctx) =>
      sourceDir !== null && detectsHerokuish(ctx, app, sourceDir) ? "herokuish" : null,
    );
    for (const builder of MARKER_BUILDERS) {
      bus.on("builder-detect", `builder-${builder}`, ({ sourceDir }) =>
        sourceDir !== null && hasMarkerFile(builder, sourceDir) ? builder : null,
      );
    }
  },
};

export const builderPlugin: CorePlugin = {
  name: "builder",
  register(bus) {
    // what a plugin's builder-detect answer may name: a builder this host has
    bus.referent("builder", async () => (await import("./builders")).builderNames());
    // Dokku's builder plugin answers first with the selected builder (the app's, else the global one)
    bus.on("builder-detect", "builder", ({ app }, ctx) => computedBuilderProperty(ctx, app, "selected") || null);
    bus.on("builder-image-is-herokuish", "builder", async ({ image }, ctx) => {
      const { inspectImage } = await import("../../executors/docker/images");
      const config = await inspectImage(await ctx.docker(), image);
      return String(config?.labels["com.dokku.builder-type"] === "herokuish");
    });
    bus.on("report", "builder", ({ app }, ctx) => [toReportSection(builderReport(ctx, app))]);
  },
};
