import type { CorePlugin } from "../core-plugin";
import { toReportSection } from "../../core/report";
import { DOCKERFILE_BUILDER, hasDockerfile } from "./detect";
import { detectsHerokuish, hasMarkerFile } from "../builder/unavailable";
import { builderDockerfileReport } from "./report";

export const builderDockerfilePlugin: CorePlugin = {
  name: "builder-dockerfile",
  register(bus) {
    // as Dokku's: herokuish and pack are asked first, and a tree they claim is not ours
    bus.on("builder-detect", "builder-dockerfile", ({ app, sourceDir }, ctx) =>
      sourceDir !== null &&
      !detectsHerokuish(ctx, app, sourceDir) &&
      !hasMarkerFile("pack", sourceDir) &&
      hasDockerfile(ctx, app, sourceDir)
        ? DOCKERFILE_BUILDER
        : null,
    );
    bus.on("report", "builder-dockerfile", ({ app }, ctx) => [toReportSection(builderDockerfileReport(ctx, app))]);
  },
};
