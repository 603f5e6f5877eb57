import type { CorePlugin } from "../core-plugin";
import { toReportSection } from "../../core/report";
import { DOCKERFILE_BUILDER, hasDockerfile } from "./detect";
import { builderDockerfileReport } from "./report";

export const builderDockerfilePlugin: CorePlugin = {
  name: "builder-dockerfile",
  register(bus) {
    bus.on("builder-detect", "builder-dockerfile", ({ app, sourceDir }, ctx) =>
      sourceDir !== null && hasDockerfile(ctx, app, sourceDir) ? DOCKERFILE_BUILDER : null,
    );
    bus.on("report", "builder-dockerfile", ({ app }, ctx) => [toReportSection(builderDockerfileReport(ctx, app))]);
  },
};
