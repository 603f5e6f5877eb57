import { readdirSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";
import { atomicWriteFileSync } from "../../store/atomic-write";
import type { Release } from "../deploy/contracts";

/**
 * All release state lives in `$DOKKU_LIB_ROOT/data/releases/<app>/`: one `<id>.json` per
 * release and `current`, the id of the live one. Being app data (not properties), none of it
 * is copied to a clone, which starts its own history at release 1.
 */

/** `$DOKKU_LIB_ROOT/data/releases/<app>`: one `<id>.json` per release. */
export function releasesDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${pluginDataDir(ctx.paths, "releases")}/${app}`;
}

/** Ids of the app's recorded releases, ascending. */
export function releaseIds(ctx: Pick<Context, "paths">, app: string): number[] {
  let names: string[];
  try {
    names = readdirSync(releasesDir(ctx, app));
  } catch {
    return [];
  }
  return names
    .map((name) => /^(\d+)\.json$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The next release id: one more than the highest recorded or live one (1 for a first deploy). */
export function nextReleaseId(ctx: Pick<Context, "paths">, app: string): number {
  return Math.max(currentReleaseId(ctx, app) ?? 0, ...releaseIds(ctx, app), 0) + 1;
}

/** Writes a release record atomically (0600: it names commands, never config values: those are in the snapshot). */
export function writeRelease(ctx: Pick<Context, "paths" | "owner">, release: Release): void {
  atomicWriteFileSync(`${releasesDir(ctx, release.app)}/${release.id}.json`, `${JSON.stringify(release, null, 2)}\n`, {
    mode: 0o600,
    owner: ctx.owner,
  });
}

export function readRelease(ctx: Pick<Context, "paths">, app: string, id: number): Release | undefined {
  try {
    return JSON.parse(readFileSync(`${releasesDir(ctx, app)}/${id}.json`, "utf8")) as Release;
  } catch {
    return undefined;
  }
}

/** Forgets a release that never went live (its deploy failed), with its config snapshot. */
export function discardRelease(ctx: Pick<Context, "paths">, app: string, id: number): void {
  for (const name of [`${id}.json`, `${id}.env`, `${id}.global.env`])
    rmSync(`${releasesDir(ctx, app)}/${name}`, { force: true });
}

/**
 * A deploy's commit point: `current` names the release (one atomic rename: a reader, or a
 * crash, sees the old id or the new one). Throws when it cannot be written; then nothing changed.
 */
export function commitRelease(ctx: Pick<Context, "paths" | "owner">, app: string, release: Pick<Release, "id">): void {
  atomicWriteFileSync(`${releasesDir(ctx, app)}/current`, `${release.id}\n`, { mode: 0o600, owner: ctx.owner });
}

/**
 * After the commit point: the release's record says `succeeded`. A failure here is only a
 * warning: the pointer already made it current, and recovery (settle-releases.ts) marks a
 * current `pending` record `succeeded` later.
 */
export function markReleaseSucceeded(ctx: Pick<Context, "paths" | "owner" | "out">, app: string, id: number): void {
  const record = readRelease(ctx, app, id);
  if (record?.status !== "pending") return;
  try {
    writeRelease(ctx, { ...record, status: "succeeded" });
  } catch (error) {
    ctx.out.warn(
      `Could not mark release v${id} of ${app} succeeded (${(error as Error).message}); the next deploy does`,
    );
  }
}

/** The id of the live release, if the app was ever deployed. */
export function currentReleaseId(ctx: Pick<Context, "paths">, app: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(`${releasesDir(ctx, app)}/current`, "utf8");
  } catch {
    return undefined;
  }
  const id = Number(text.trim());
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The live release, if the app was ever deployed. */
export function currentRelease(ctx: Pick<Context, "paths">, app: string): Release | undefined {
  const id = currentReleaseId(ctx, app);
  return id === undefined ? undefined : readRelease(ctx, app, id);
}
