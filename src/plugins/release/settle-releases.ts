import { imageRepo } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { imageNames, inspectImage, removeImageName } from "../../executors/docker/images";
import type { Release } from "../deploy/contracts";
import { formatVersion, statusOf } from "./describe";
import { imageKey } from "./prune";
import { currentReleaseId, readRelease, releaseIds, writeRelease } from "./release-store";

/**
 * Tags `<repo>:v<N>` of releases a crash stopped before their record was written: N above every
 * recorded and the current release. Pure.
 */
export function unrecordedTags(tags: readonly string[], repo: string, newestKnown: number): string[] {
  return tags.filter((tag) => {
    const match = /^(.+):v([1-9][0-9]*)$/.exec(tag);
    return match !== null && match[1] === repo && Number(match[2]) > newestKnown;
  });
}

/** What becomes of each `pending` record once no deploy runs (the caller holds the deploy lock). Pure. */
export function settlePlan(
  releases: readonly Pick<Release, "id" | "status">[],
  currentId: number | undefined,
): { succeeded: number[]; failed: number[] } {
  const pending = releases.filter((release) => statusOf(release) === "pending").map((release) => release.id);
  return { succeeded: pending.filter((id) => id === currentId), failed: pending.filter((id) => id !== currentId) };
}

/**
 * Records of deploys a crash stopped: a `pending` record that is the current one went live (its
 * pointer is the commit point) and becomes `succeeded`; any other never did and becomes
 * `failed`, its image tag removed (only the tag when a release that went live shares the image,
 * as a config change or a rollback does; nothing while a container still uses it). With
 * `unrecordedBuilds`, tags of builds stopped before their record was written go too. The caller holds the app's deploy
 * lock, so no deploy that could still use a pending record or a fresh tag runs.
 */
export async function settleAbandonedReleases(
  ctx: Context,
  app: string,
  options: { readonly unrecordedBuilds: boolean },
): Promise<void> {
  const releases = releaseIds(ctx, app).flatMap((id) => readRelease(ctx, app, id) ?? []);
  const currentId = currentReleaseId(ctx, app);
  const plan = settlePlan(releases, currentId);
  for (const id of plan.succeeded) {
    const release = releases.find((record) => record.id === id) as Release;
    writeRelease(ctx, { ...release, status: "succeeded" });
  }
  if (options.unrecordedBuilds)
    await removeUnrecordedTags(ctx, app, Math.max(currentId ?? 0, ...releases.map((release) => release.id), 0));
  if (plan.failed.length === 0) return;
  ctx.out.step(
    `Marking ${plan.failed.map(formatVersion).join(", ")} of ${app} failed: ${plan.failed.length === 1 ? "its deploy was" : "their deploys were"} interrupted`,
  );
  for (const id of plan.failed) {
    const release = releases.find((record) => record.id === id) as Release;
    const shared = releases.some(
      (other) =>
        other.id !== id &&
        !plan.failed.includes(other.id) &&
        statusOf(other) !== "image-pruned" &&
        imageKey(other) === imageKey(release),
    );
    await removeTag(ctx, release, shared);
    writeRelease(ctx, { ...release, status: "failed" });
  }
}

/** Builds a crash stopped before their release was recorded leave a tagged image: untagged, or removed when nothing else names it. */
async function removeUnrecordedTags(ctx: Context, app: string, newestKnown: number): Promise<void> {
  const docker = await ctx.docker();
  for (const tag of unrecordedTags(await imageNames(docker, imageRepo(app)), imageRepo(app), newestKnown)) {
    ctx.out.detail(`Removing ${tag}: its deploy was interrupted before it was released`);
    await removeImageName(docker, tag);
  }
}

/** Removes the release's tag (and, unless `shared`, its image); an image a container uses stays. */
async function removeTag(ctx: Context, release: Release, shared: boolean): Promise<void> {
  const docker = await ctx.docker();
  const tagged = await inspectImage(docker, release.image);
  // a tag moved to another image since (a rebuild of the same id) is not this release's
  if (!tagged || (release.imageId && tagged.id !== release.imageId)) return;
  await removeImageName(docker, release.image, { noprune: shared });
}
