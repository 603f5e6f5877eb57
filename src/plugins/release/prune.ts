import type { Context } from "../../core/context";
import { imagesInUse } from "../../executors/docker/containers";
import { deleteImageName, inspectImage } from "../../executors/docker/images";
import type { Release } from "../deploy/contracts";
import { formatVersion, statusOf, wentLive } from "./describe";
import { currentReleaseId, readRelease, releaseIds, writeRelease } from "./release-store";
import { keepCount } from "./properties";

export interface PruneInput {
  readonly releases: readonly Pick<Release, "id" | "image" | "imageId" | "status">[];
  readonly currentId: number | undefined;
  /** How many of the newest releases keep their image (>= 1). */
  readonly keep: number;
  /** Image ids some container (running or not) was created from. */
  readonly inUse: ReadonlySet<string>;
}

/** An image's identity: its id when recorded, else its name (older records). Pure. */
export function imageKey(release: Pick<Release, "image" | "imageId">): string {
  return release.imageId ?? release.image;
}

/**
 * The releases whose images go: all but the newest `keep` and the current one, skipping those
 * already pruned, those whose image a container still uses, and those sharing their image with
 * a kept release (a config change or a rollback tags the same image again: it stays while any
 * kept release needs it). Pending and failed records (deploys that never went live) neither
 * count nor go here: recovery removes a failed one's image (settle-releases.ts).
 * Ascending. Pure.
 */
export function selectPrunable(input: PruneInput): number[] {
  const newestFirst = input.releases.filter(wentLive).sort((a, b) => b.id - a.id);
  const kept = newestFirst.filter((release, at) => at < input.keep || release.id === input.currentId);
  const keptIds = new Set(kept.map((release) => release.id));
  const protectedImages = new Set([...kept.map(imageKey), ...input.inUse]);
  return newestFirst
    .filter(
      (release) =>
        !keptIds.has(release.id) && statusOf(release) === "succeeded" && !protectedImages.has(imageKey(release)),
    )
    .map((release) => release.id)
    .sort((a, b) => a - b);
}

/**
 * After a successful deploy: removes the tags (`dokku/<app>:vN`) of the releases selectPrunable
 * picks, and marks a release `image-pruned` once its image is gone. Docker refusing a removal
 * (an image a container uses after all) leaves that release as it was.
 */
export async function pruneReleaseImages(ctx: Context, app: string): Promise<void> {
  const releases = releaseIds(ctx, app)
    .map((id) => readRelease(ctx, app, id))
    .filter((release): release is Release => release !== undefined);
  const docker = await ctx.docker();
  const inUse = await imagesInUse(docker);
  const ids = selectPrunable({ releases, currentId: currentReleaseId(ctx, app), keep: keepCount(ctx, app), inUse });
  const pruned: string[] = [];
  for (const release of releases.filter((candidate) => ids.includes(candidate.id))) {
    const tagged = await inspectImage(docker, release.image);
    // a tag moved to another image since (by hand) is not ours to remove
    if (tagged && release.imageId && tagged.id !== release.imageId) continue;
    try {
      if (tagged) await deleteImageName(docker, release.image);
    } catch (error) {
      ctx.out.warn(
        `Could not remove the image of ${formatVersion(release.id)} (${release.image}): ${(error as Error).message}`,
      );
      continue;
    }
    if (await inspectImage(docker, imageKey(release))) continue;
    writeRelease(ctx, { ...release, status: "image-pruned" });
    pruned.push(formatVersion(release.id));
  }
  if (pruned.length > 0)
    ctx.out.step(`Pruned the images of releases ${pruned.join(", ")} (keeping ${keepCount(ctx, app)})`);
}
