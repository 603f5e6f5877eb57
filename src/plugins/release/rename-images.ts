import type { Context } from "../../core/context";
import { appImage, imageRepo } from "../../builders/build-options";
import { statusOf } from "../../executors/docker/containers";
import { deleteImageName, tagImage } from "../../executors/docker/images";
import type { Release } from "../deploy/contracts";
import { readRelease, releaseIds, writeRelease } from "./release-store";

/** The release as it reads after `oldApp` became `newApp`: its app, and its image if it was the app's own. Pure. */
export function renamedRelease(release: Release, oldApp: string, newApp: string): Release {
  const ownPrefix = `${imageRepo(oldApp)}:`;
  const image = release.image.startsWith(ownPrefix)
    ? appImage(newApp, release.image.slice(ownPrefix.length))
    : release.image;
  return { ...release, app: newApp, image };
}

/**
 * After `apps:rename` (records already moved to the new name): every release's image
 * `dokku/<old>:<tag>` is tagged `dokku/<new>:<tag>` and loses its old tag, and the record is
 * rewritten. History and rollback follow the app, and nothing of it stays under the old name,
 * where a new app of that name would find (and could destroy) it. An image already gone
 * (pruned) leaves only the record to rewrite.
 */
export async function moveReleaseImages(ctx: Context, oldApp: string, newApp: string): Promise<void> {
  const ids = releaseIds(ctx, newApp);
  if (ids.length === 0) return;
  const docker = await ctx.docker();
  for (const id of ids) {
    const release = readRelease(ctx, newApp, id);
    if (!release) continue;
    const moved = renamedRelease(release, oldApp, newApp);
    if (moved.image !== release.image) {
      const [repo, tag] = [imageRepo(newApp), moved.image.slice(imageRepo(newApp).length + 1)];
      try {
        await tagImage(docker, release.image, repo, tag);
        await deleteImageName(docker, release.image, { noprune: true });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }
    writeRelease(ctx, moved);
  }
}
