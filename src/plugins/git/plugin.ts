import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/** Loaded when a handler runs, so commands that fire no git trigger do not load git's code. */
const repo = () => import("./repo");

/**
 * The git plugin: every app gets its bare repo and pre-receive hook when it is created (Dokku's
 * post-create); a renamed app's hook is rewritten to call the new name; a clone gets the refs
 * and, unless --skip-deploy, is built from them and deployed (Dokku rebuilds a clone).
 */
export const gitPlugin: CorePlugin = {
  name: "git",
  register(bus) {
    bus.on("post-create", "git", async ({ app }, ctx) => {
      await (await repo()).ensureRepo(ctx, app);
      return null;
    });
    bus.on("post-app-rename", "git", async ({ newApp }, ctx) => {
      const { ensureRepo, hasRepo } = await repo();
      if (hasRepo(ctx, newApp)) await ensureRepo(ctx, newApp);
      return null;
    });
    bus.on("post-app-clone", "git", async ({ oldApp, newApp, skipDeploy }, ctx) => {
      const { ensureRepo, hasRepo } = await repo();
      await ensureRepo(ctx, newApp);
      const { copyRefs, deployClone } = await import("./clone-repo");
      if (hasRepo(ctx, oldApp)) await copyRefs(ctx, oldApp, newApp);
      if (!skipDeploy) await deployClone(ctx, newApp);
      return null;
    });
    bus.on("report", "git", async ({ app }, ctx) => [
      toReportSection(await (await import("./report")).gitReport(ctx, app)),
    ]);
  },
};
