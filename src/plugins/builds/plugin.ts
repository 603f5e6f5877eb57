import { existsSync, renameSync, rmSync } from "node:fs";
import type { CorePlugin } from "../core-plugin";
import { buildsDir } from "./records";

export const buildsPlugin: CorePlugin = {
  name: "builds",
  register(bus) {
    bus.on("post-delete", "builds", ({ app }, ctx) => {
      rmSync(buildsDir(ctx, app), { recursive: true, force: true });
      return null;
    });
    bus.on("post-app-rename", "builds", ({ oldApp, newApp }, ctx) => {
      if (!existsSync(buildsDir(ctx, oldApp))) return null;
      rmSync(buildsDir(ctx, newApp), { recursive: true, force: true });
      renameSync(buildsDir(ctx, oldApp), buildsDir(ctx, newApp));
      return null;
    });
  },
};
