import { imageRepo } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { inspectImage, tagImage, untagImage } from "../../executors/docker/images";
import type { Release } from "../deploy/contracts";
import { goLive } from "../deploy/pipeline";
import { formatVersion } from "./describe";
import { discardRelease, nextReleaseId, writeRelease } from "./release-store";

/**
 * The id of the image `release` runs, if it is still on this host: looked up by its recorded
 * id (what a retag of `dokku/<app>:vN` cannot change), or by its name for older records.
 */
export async function releaseImageId(ctx: Context, release: Release): Promise<string | undefined> {
  return (await inspectImage(await ctx.docker(), release.imageId ?? release.image))?.id;
}

/**
 * A new release `vM` of the image `from` runs (a config change, a rollback): nothing is built
 * and neither predeploy, the release command nor postdeploy run again (the image is the same;
 * Dokku's config restart does not run them either). The image, found by its id, is tagged
 * `dokku/<app>:vM`, the record written `pending`, and it goes live through the pipeline's
 * stage (config snapshot, health-checked switch, pruning). The caller holds the deploy lock.
 * If the switch fails, the tag and record go and the current release keeps serving.
 */
export async function deployReleaseCopy(
  ctx: Context,
  app: string,
  from: Release,
  description: string,
): Promise<Release> {
  const docker = await ctx.docker();
  const imageId =
    (await releaseImageId(ctx, from)) ??
    fail(`Cannot release ${formatVersion(from.id)} again: ${imageGoneMessage(from)}`, "image-missing");
  const id = nextReleaseId(ctx, app);
  const tag = formatVersion(id);
  await tagImage(docker, imageId, imageRepo(app), tag);
  const release: Release = {
    ...from,
    id,
    app,
    image: `${imageRepo(app)}:${tag}`,
    imageId,
    createdAt: ctx.now().toISOString(),
    description,
    user: ctx.user,
    status: "pending",
  };
  ctx.out.step(`Releasing ${app} ${tag}: ${description}`);
  writeRelease(ctx, release);
  const discard = async () => {
    await untagImage(docker, release.image);
    discardRelease(ctx, app, id);
  };
  return await goLive(ctx, app, release, { postdeploy: false, discard });
}

/** Why a release's image cannot run again. Pure. */
export function imageGoneMessage(release: Pick<Release, "image">): string {
  return `its image (${release.image}) is no longer on this host`;
}
