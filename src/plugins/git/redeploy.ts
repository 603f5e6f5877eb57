import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { deployApp } from "../deploy/pipeline";
import { withCurrentRelease } from "../ps/redeploy";
import { imageExists } from "../../executors/docker/images";

/** The app's image for a tag: `dokku/<app>:<tag>`. Pure. */
export function appImageForTag(app: string, tag: string): string {
  return `dokku/${app}:${tag}`;
}

/**
 * `deploy <app> [<tag>]`, Dokku's scheduler-deploy phase: without a tag the current release is
 * started again by its scheduler (nothing is built); with a tag, the app's local image of that
 * tag (`v3` for release 3) becomes a new release through the pipeline.
 */
export async function redeployApp(ctx: Context, appArg: string | undefined, tag: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (tag === undefined || tag === "") {
    await withCurrentRelease(ctx, app, async (scheduler, release, formation) => {
      ctx.out.step(`Deploying ${app} via the ${scheduler.name} scheduler...`);
      await scheduler.deploy(ctx, app, release, formation);
    });
    return;
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) fail(`Invalid image tag: ${tag}`, "bad-tag");
  const image = appImageForTag(app, tag);
  if (!(await imageExists(await ctx.docker(), image))) fail(`No image ${image} on this host`, "image-missing");
  await deployApp(ctx, app, { kind: "image", image, origin: "image" });
}
