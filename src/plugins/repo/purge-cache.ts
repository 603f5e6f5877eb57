import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { imagesInUse, removeContainer } from "../../executors/docker/containers";
import { removeVolume } from "../../executors/docker/volumes";
import { deployLockWait, holdDeployLock } from "../deploy/deploy-lock";
import { releaseImageIds } from "../cleanup/cleanup";
import { appContainerFacts, danglingImages, removeImages } from "../cleanup/docker-prune";
import { buildContainers, removableImages } from "../cleanup/plan";

/** Dokku's name for an app's build cache volume. Pure. */
export function cacheVolumeName(app: string): string {
  return `cache-${app}`;
}

/**
 * `repo:purge-cache <app>`, under the app's deploy lock (no build of it meanwhile): the app's
 * build containers (buildContainers: never its app containers), its `cache-<app>` volume (Dokku's buildpack
 * cache; our builders keep none, an admin's or a plugin's may), and the app's dangling images no
 * container or release needs. Quiet on success, as Dokku.
 */
export async function purgeCache(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  using _lock = await holdDeployLock(ctx, app, { waitMs: deployLockWait(ctx) });
  const docker = await ctx.docker();
  for (const id of buildContainers(await appContainerFacts(docker, app))) await removeContainer(docker, id);
  await removeVolume(docker, cacheVolumeName(app));
  const protect = new Set([...releaseImageIds(ctx, [app]), ...(await imagesInUse(docker))]);
  await removeImages(docker, removableImages(await danglingImages(docker, app), { protect }));
}
