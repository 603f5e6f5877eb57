import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError } from "../../core/errors";
import { ARCHIVE_TYPES } from "../../executors/archive/entries";
import { deployApp } from "../deploy/pipeline";
import { APPS_PLUGIN } from "../apps/paths";
import { deployRev } from "./deploy-rev";
import { computedDeployBranch, sourceImage } from "./properties";
import { hasRepo, resolveRef } from "./repo";

/**
 * `ps:rebuild <app>`: builds and deploys the app again from its last source, as Dokku's
 * receive-app without a rev: an image app from its image, any other from the deploy branch of
 * its repo. An app with nothing to build from is left alone (Dokku's silent success for an app
 * without a repo) or refused with Dokku's warning when the branch has no commits.
 */
export async function rebuildApp(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const image = sourceImage(ctx, app);
  const deploySource = ctx.store.get(APPS_PLUGIN, app, "deploy-source");
  if (deploySource === "docker-image" && image !== "") {
    await deployApp(ctx, app, { kind: "image", image, origin: "image" });
    return;
  }
  if (!hasRepo(ctx, app)) return;
  const branch = computedDeployBranch(ctx, app);
  const rev = await resolveRef(ctx, app, `refs/heads/${branch}`);
  if (rev === undefined) {
    ctx.out.step(`WARNING: Cannot build from '${branch}' as there are no commits stored at that branch.`);
    throw new DokkuError("", { code: "nothing-to-build" });
  }
  const origin = (ARCHIVE_TYPES as readonly string[]).includes(deploySource ?? "") ? "archive" : "git";
  await deployRev(ctx, app, rev, { setRevEnv: false, origin });
}
