import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError } from "../../core/errors";
import { selectBuilder } from "../builder/select-builder";
import { startBuild } from "../builds/build-log";
import { formationFor } from "../ps/formation";
import { appUrls } from "../ps/urls";
import { removeImage } from "../../executors/docker/images";
import { cleanupAfterDeploy } from "../cleanup/cleanup";
import { assertStoredAppBounds } from "../config/bounds";
import { deployDescription, formatVersion } from "../release/describe";
import {
  commitRelease,
  createRelease,
  discardRelease,
  markReleaseSucceeded,
  nextReleaseId,
  runPostdeploy,
  runReleaseCommand,
} from "../release/releases";
import { writeConfigSnapshot } from "../release/snapshot";
import { schedulerFor } from "../scheduler/select-scheduler";
import type { BuiltImage, DeploySource, Release } from "./contracts";
import { reportDeployFailure } from "./deploy-failed";
import { deployLockWait, holdDeployLock } from "./deploy-lock";

export interface DeployOptions {
  /** How long to wait for another deploy of the same app; DOKKU_DEPLOY_LOCK_WAIT seconds, default 600. */
  readonly waitMs?: number;
  /** What started the deploy, in Dokku's build-record words (`ps:rebuild`, `deploy` ...); else from the source. */
  readonly startedBy?: string;
}

/** Dokku's build source for a deploy started by a source arriving. Pure. */
export function buildSourceOf(source: DeploySource): string {
  switch (source.origin) {
    case "git":
      return "git-hook";
    case "archive":
      return "git:from-archive";
    case "image":
      return "git:from-image";
    case "load-image":
      return "git:load-image";
  }
}

/**
 * The deploy pipeline: build -> release -> deploy -> post-deploy, under the app's deploy lock,
 * with the whole output saved as a build log. Any failure leaves the previous release serving:
 * nothing replaces the running containers until the new ones have started. A failure at the
 * build, release or deploy stage fires deploy-failed before its error propagates.
 */
export async function deployApp(
  ctx: Context,
  app: string,
  source: DeploySource,
  options: DeployOptions = {},
): Promise<Release> {
  verifyApp(ctx, app);
  using _lock = await holdDeployLock(ctx, app, { waitMs: options.waitMs ?? deployLockWait(ctx) });
  const startedBy = options.startedBy ?? buildSourceOf(source);
  const build = startBuild(ctx, app, { source: startedBy });
  try {
    const release = await runStages(build.ctx, app, source, startedBy);
    build.finish("succeeded");
    return release;
  } catch (error) {
    build.finish("failed");
    throw error;
  }
}

async function runStages(ctx: Context, app: string, source: DeploySource, startedBy: string): Promise<Release> {
  if (source.kind === "tree")
    await ctx.bus.fire("post-extract", { app, sourceDir: source.dir, rev: source.rev ?? null });
  const id = nextReleaseId(ctx, app);
  let built: BuiltImage;
  try {
    assertStoredAppBounds(ctx, app); // a config Docker would refuse fails before the build, naming the key
    built = await buildImage(ctx, app, source, `v${id}`);
  } catch (error) {
    await reportDeployFailure(ctx, app, "build", null, error);
    throw error;
  }
  // the release never goes live: its image and record go, the previous release keeps serving
  const discard = async () => {
    await removeImage(await ctx.docker(), built.image).catch(() => undefined);
    discardRelease(ctx, app, id);
  };
  let release: Release;
  let recorded: number | null = null;
  try {
    release = await createRelease(ctx, app, id, built, source, { description: deployDescription(startedBy, source) });
    recorded = release.id;
    await runReleaseCommand(ctx, app, release);
  } catch (error) {
    await discard();
    await reportDeployFailure(ctx, app, "release", recorded, error);
    throw error;
  }
  return await goLive(ctx, app, release, { postdeploy: true, discard });
}

/**
 * The stage every release goes live through (a build, a config change, a rollback), under the
 * caller's deploy lock: pre-deploy, the app's config snapshot, the scheduler's health-checked
 * switch with the release's commit point in it (the `current` pointer, written once the new
 * containers serve and before the old ones retire), postdeploy (for builds), post-deploy,
 * cleanup (old release images among it), URLs. If the scheduler fails before its commit point
 * (the commit included), `discard` removes what the release added, deploy-failed is fired and
 * the previous release keeps serving; a failure after it is a warning, the release stands.
 */
export async function goLive(
  ctx: Context,
  app: string,
  release: Release,
  options: { postdeploy: boolean; discard: () => Promise<void> },
): Promise<Release> {
  let committed = false;
  const commit = () => {
    commitRelease(ctx, app, release);
    committed = true;
  };
  try {
    await ctx.bus.fire("pre-deploy", { app, image: release.image, releaseId: release.id });
    writeConfigSnapshot(ctx, app, release.id);
    const scheduler = schedulerFor(ctx, app);
    ctx.out.step(`Deploying ${app} via the ${scheduler.name} scheduler...`);
    await scheduler.deploy(ctx, app, release, formationFor(ctx, app, release), { commit });
  } catch (error) {
    // past its commit point the release is the app's: its record and image must stay
    if (committed) {
      ctx.out.warn(
        `${formatVersion(release.id)} of ${app} is live, but its deploy did not finish cleanly: ${error instanceof Error ? error.message : String(error)}; the next deploy or ps:retire finishes it`,
      );
    } else {
      await options.discard();
      await reportDeployFailure(ctx, app, "deploy", release.id, error);
      throw error;
    }
  }
  markReleaseSucceeded(ctx, app, release.id);
  if (options.postdeploy) await runPostdeploy(ctx, app, release);
  await ctx.bus.fire("post-deploy", { app, image: release.image, releaseId: release.id });
  // old release images (past `releases:set keep`), exited containers, dangling images, stale build cache
  await cleanupAfterDeploy(ctx, app);
  const urls = await appUrls(ctx, app);
  ctx.out.heading("Application deployed:");
  for (const url of urls.all) ctx.out.detail(url);
  return release;
}

async function buildImage(ctx: Context, app: string, source: DeploySource, tag: string): Promise<BuiltImage> {
  const builder = await selectBuilder(ctx, app, source);
  try {
    return await builder.build(ctx, app, source, tag);
  } catch (error) {
    ctx.out.warn(error instanceof Error ? error.message : String(error));
    throw new DokkuError("App build failed", { code: "build-failed", cause: error });
  }
}
