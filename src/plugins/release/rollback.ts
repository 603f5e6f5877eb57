import { verifyApp } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { startBuild } from "../builds/build-log";
import { assertScopeBounds } from "../config/bounds";
import { readEnv, withScopeLock, writeEnv } from "../config/env-store";
import type { Release } from "../deploy/contracts";
import { deployLockWait, holdDeployLock } from "../deploy/deploy-lock";
import { envChanges, globalDrift } from "./config-diff";
import { deployReleaseCopy, imageGoneMessage, releaseImageId } from "./copy-release";
import { formatVersion, parseReleaseVersion, previousReleaseId, rollbackDescription, statusOf } from "./describe";
import { currentRelease, readRelease, releaseIds } from "./release-store";
import { readConfigSnapshot } from "./snapshot";

/**
 * `releases:rollback <app> [vN]` (default: the release before the current one): vN's config
 * snapshot becomes the app's ENV again, then vN's image (by id) goes live as a new release
 * `Rollback to vN` through the pipeline's health-checked stage, all under the deploy lock.
 * The global ENV is not rewritten (it is every app's); the keys it changed since are named.
 * If the switch fails, the app's config before the rollback is put back.
 */
export async function rollbackApp(
  ctx: Context,
  appArg: string | undefined,
  version: string | undefined,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const wanted = version === undefined || version === "" ? undefined : parseReleaseVersion(version);
  const notDeployed = () => fail(`App ${app} has not been deployed`, "not-deployed");
  if (!currentRelease(ctx, app)) notDeployed();
  using _lock = await holdDeployLock(ctx, app, { waitMs: deployLockWait(ctx) });
  const current = currentRelease(ctx, app) ?? notDeployed();
  const target = await rollbackTarget(ctx, app, current, wanted);
  if (!target) return;
  const snapshot =
    readConfigSnapshot(ctx, app, target.id) ??
    fail(`${formatVersion(target.id)} has no config snapshot to restore; cannot roll back to it`, "no-snapshot");
  if (!(await releaseImageId(ctx, target)))
    fail(`Cannot roll back to ${formatVersion(target.id)}: ${imageGoneMessage(target)}`, "image-missing");

  ctx.out.step(`Rolling back ${app} to ${formatVersion(target.id)}`);
  const scope = { kind: "app", app } as const;
  const before = await withScopeLock(ctx, scope, () => {
    const env = readEnv(ctx, scope);
    assertScopeBounds(ctx, scope, snapshot.app);
    writeEnv(ctx, scope, snapshot.app);
    return env;
  });
  const changes = envChanges(before, snapshot.app);
  if (changes.set.length > 0) ctx.out.detail(`Restored config vars: ${changes.set.join(", ")}`);
  if (changes.unset.length > 0) ctx.out.detail(`Removed config vars: ${changes.unset.join(", ")}`);
  const drift = globalDrift(snapshot, readEnv(ctx, { kind: "global" }));
  if (drift.length > 0)
    ctx.out.warn(
      `Global config vars changed since ${formatVersion(target.id)} keep their current values: ${drift.join(", ")}`,
    );

  const build = startBuild(ctx, app, { kind: "deploy", source: "releases:rollback" });
  try {
    await deployReleaseCopy(build.ctx, app, target, rollbackDescription(target.id));
    build.finish("succeeded");
  } catch (error) {
    build.finish("failed");
    await withScopeLock(ctx, scope, () => writeEnv(ctx, scope, before));
    ctx.out.warn(`Rollback failed; ${formatVersion(current.id)} keeps running with its config`);
    throw error;
  }
  const keys = [...changes.set, ...changes.unset].sort();
  if (keys.length > 0) await ctx.bus.fire("post-config-update", { scope, action: "import", keys, restart: false });
}

/** The release to roll back to, checked; undefined (after saying so) when it is the current one. */
async function rollbackTarget(
  ctx: Context,
  app: string,
  current: Release,
  wanted: number | undefined,
): Promise<Release | undefined> {
  const records = releaseIds(ctx, app).flatMap((id) => readRelease(ctx, app, id) ?? []);
  const id =
    wanted ??
    previousReleaseId(records, current.id) ??
    fail(`${app} has no release before ${formatVersion(current.id)} to roll back to`, "no-release");
  if (id === current.id) {
    ctx.out.step(`${formatVersion(id)} is the current release of ${app}, nothing to do`);
    return undefined;
  }
  const target =
    records.find((release) => release.id === id) ??
    fail(`Release ${formatVersion(id)} of ${app} not found`, "release-missing");
  if (statusOf(target) === "pending" || statusOf(target) === "failed")
    fail(`${formatVersion(id)} never went live; cannot roll back to it`, "release-pending");
  if (statusOf(target) === "image-pruned")
    fail(`Cannot roll back to ${formatVersion(id)}: its image (${target.image}) was pruned`, "image-missing");
  return target;
}
