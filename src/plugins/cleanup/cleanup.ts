import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { isDokkuError } from "../../core/errors";
import { GLOBAL } from "../../store/property-store";
import { allApps } from "../apps/app-list";
import { BUILDER_PLUGIN } from "../builder/properties";
import { deployLockWait, holdDeployLock } from "../deploy/deploy-lock";
import { statusOf } from "../release/describe";
import { pruneReleaseImages } from "../release/prune";
import { currentReleaseId, readRelease, releaseIds } from "../release/release-store";
import { readRetireQueue } from "../scheduler/shared/retire-queue";
import { pruneBuildCache } from "../../executors/docker/build-image";
import { imagesInUse } from "../../executors/docker/containers";
import { appContainerFacts, danglingImages, removeContainers, removeImages } from "./docker-prune";
import { formatBytes, removableContainers, removableImages, skipCleanupReason } from "./plan";

/** What one cleanup removed. */
export interface CleanupSummary {
  readonly containers: number;
  readonly images: number;
  readonly buildCacheBytes: number;
}

/** Build cache the pruning after a deploy leaves: what a build used within this long (the next build reuses it). */
export const AUTO_BUILD_CACHE_UNTIL = "24h";
/** A global cleanup leaves dangling images younger than this: another app's build may be making them. */
const GLOBAL_IMAGE_MIN_AGE_SECONDS = 600;

export interface AppCleanupOptions {
  /** Prune build cache unused for this long (`24h`); "" for all unused; undefined leaves it. */
  readonly buildCacheUntil?: string;
}

/**
 * One app's cleanup, under the caller's deploy lock: its exited and dead containers (see
 * removableContainers), the images of releases past `releases:set keep` (the release plugin's
 * pruneReleaseImages, the one place that decides which release images go), then the app's
 * dangling images no release or container needs, then the build cache.
 */
export async function cleanupApp(ctx: Context, app: string, options: AppCleanupOptions = {}): Promise<CleanupSummary> {
  const docker = await ctx.docker();
  const retiring = new Set(readRetireQueue(ctx).map((entry) => entry.id));
  const rules = { retiring, currentReleaseId: currentReleaseId(ctx, app) };
  const containers = await removeContainers(docker, removableContainers(await appContainerFacts(docker, app), rules));
  await pruneReleaseImages(ctx, app);
  const protect = new Set([...releaseImageIds(ctx, [app]), ...(await imagesInUse(docker))]);
  const images = await removeImages(docker, removableImages(await danglingImages(docker, app), { protect }));
  const buildCacheBytes =
    options.buildCacheUntil === undefined ? 0 : await pruneBuildCache(docker, options.buildCacheUntil || undefined);
  return { containers, images, buildCacheBytes };
}

/**
 * `cleanup [<app>]`: with an app, that app's cleanup under its deploy lock; without, every
 * app's (an app whose deploy is running is skipped and named), then dangling images of any
 * dokku app (older than ten minutes) and all unused build cache.
 */
export async function runCleanup(ctx: Context, appArg: string | undefined): Promise<void> {
  if (appArg !== undefined) {
    const app = verifyApp(ctx, appArg);
    using _lock = await holdDeployLock(ctx, app, { waitMs: deployLockWait(ctx) });
    ctx.out.step("Cleaning up...");
    return printSummary(ctx, await cleanupApp(ctx, app, { buildCacheUntil: "" }));
  }
  ctx.out.step("Cleaning up...");
  const apps = allApps(ctx);
  let containers = 0;
  let images = 0;
  for (const app of apps) {
    try {
      using _lock = await holdDeployLock(ctx, app, { waitMs: 0 });
      const summary = await cleanupApp(ctx, app);
      containers += summary.containers;
      images += summary.images;
    } catch (error) {
      if (!isDokkuError(error)) throw error;
      ctx.out.warn(`Skipping ${app}: ${error.message}`);
    }
  }
  const docker = await ctx.docker();
  const protect = new Set([...releaseImageIds(ctx, apps), ...(await imagesInUse(docker))]);
  const createdBefore = Math.floor(ctx.now().getTime() / 1000) - GLOBAL_IMAGE_MIN_AGE_SECONDS;
  images += await removeImages(
    docker,
    removableImages(await danglingImages(docker, undefined), { protect, createdBefore }),
  );
  printSummary(ctx, { containers, images, buildCacheBytes: await pruneBuildCache(docker) });
}

/**
 * After a successful deploy (the pipeline's goLive, under the deploy lock): the app's cleanup
 * with build cache unused for a day, quietly, unless `builder:set skip-cleanup true` (app or
 * global) or DOKKU_SKIP_CLEANUP=true turns it off; then nothing is pruned, old release images
 * included, until `cleanup <app>` is run. A failure is a warning: the deploy stands.
 */
export async function cleanupAfterDeploy(ctx: Context, app: string): Promise<void> {
  const reason = skipCleanupReason({
    app: ctx.store.get(BUILDER_PLUGIN, app, "skip-cleanup") ?? "",
    global: ctx.store.get(BUILDER_PLUGIN, GLOBAL, "skip-cleanup") ?? "",
    env: ctx.env.DOKKU_SKIP_CLEANUP,
  });
  if (reason !== undefined) return ctx.out.step(`Skipping cleanup: ${reason}`);
  await cleanupApp(ctx, app, { buildCacheUntil: AUTO_BUILD_CACHE_UNTIL }).catch((error: unknown) =>
    ctx.out.warn(`Cleanup after the deploy failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/** Recorded image ids of the apps' releases whose image was not pruned: what a rollback may need. */
export function releaseImageIds(ctx: Pick<Context, "paths">, apps: readonly string[]): string[] {
  return apps.flatMap((app) =>
    releaseIds(ctx, app)
      .map((id) => readRelease(ctx, app, id))
      .filter(
        (release) =>
          release !== undefined &&
          release.imageId !== undefined &&
          statusOf(release) !== "image-pruned" &&
          statusOf(release) !== "failed",
      )
      .map((release) => release?.imageId as string),
  );
}

function printSummary(ctx: Context, summary: CleanupSummary): void {
  const lines = [
    ...(summary.containers > 0 ? [`Removed ${plural(summary.containers, "exited container")}`] : []),
    ...(summary.images > 0 ? [`Removed ${plural(summary.images, "dangling image")}`] : []),
    ...(summary.buildCacheBytes > 0 ? [`Reclaimed ${formatBytes(summary.buildCacheBytes)} of build cache`] : []),
  ];
  for (const line of lines) ctx.out.detail(line);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
