import { readdirSync, readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { pluginDataDir } from "../../core/paths";
import { atomicWriteFileSync } from "../../store/atomic-write";
import type { Release } from "../deploy/contracts";

export const RELEASE_PLUGIN = "release";
/** The property naming the live release: `config/release/<app>/current`. */
export const CURRENT_PROPERTY = "current";

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
export function nextReleaseId(ctx: Pick<Context, "paths" | "store">, app: string): number {
  const live = Number(ctx.store.get(RELEASE_PLUGIN, app, CURRENT_PROPERTY) ?? "0") || 0;
  return Math.max(live, ...releaseIds(ctx, app), 0) + 1;
}

/** Writes a release record atomically (0600: it names commands, never config values). */
export function writeRelease(ctx: Pick<Context, "paths" | "owner">, release: Release): void {
  atomicWriteFileSync(`${releasesDir(ctx, release.app)}/${release.id}.json`, `${JSON.stringify(release, null, 2)}\n`, { mode: 0o600, owner: ctx.owner });
}

export function readRelease(ctx: Pick<Context, "paths">, app: string, id: number): Release | undefined {
  try {
    return JSON.parse(readFileSync(`${releasesDir(ctx, app)}/${id}.json`, "utf8")) as Release;
  } catch {
    return undefined;
  }
}

/** Records which release is live. */
export function markCurrentRelease(ctx: Pick<Context, "store">, app: string, release: Release): void {
  ctx.store.set(RELEASE_PLUGIN, app, CURRENT_PROPERTY, String(release.id));
}

/** The live release, if the app was ever deployed. */
export function currentRelease(ctx: Pick<Context, "paths" | "store">, app: string): Release | undefined {
  const id = Number(ctx.store.get(RELEASE_PLUGIN, app, CURRENT_PROPERTY) ?? "");
  return Number.isInteger(id) && id > 0 ? readRelease(ctx, app, id) : undefined;
}
