import { readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { readEnv } from "../config/env-store";
import { parseEnvFile, serializeEnvFile } from "../config/env-file";
import type { Env } from "../config/keys";
import { releasesDir } from "./release-store";

/**
 * A release's config as it went live, kept in two files beside its record, in the config
 * plugin's ENV format, 0600: `<id>.env` (the app's own variables) and `<id>.global.env` (the
 * global ones). Kept apart rather than merged because they are restored differently: a rollback
 * makes `<id>.env` the app's ENV again, while the global ENV belongs to every app and is never
 * rewritten by one app's rollback; the global half says what the release ran with and which
 * global values changed since.
 */
export interface ConfigSnapshot {
  readonly app: Env;
  readonly global: Env;
}

export function snapshotPaths(ctx: Pick<Context, "paths">, app: string, id: number): { app: string; global: string } {
  const dir = releasesDir(ctx, app);
  return { app: `${dir}/${id}.env`, global: `${dir}/${id}.global.env` };
}

/** Records the app's and the global config of now as release `id`'s snapshot. */
export function writeConfigSnapshot(
  ctx: Pick<Context, "paths" | "owner" | "store">,
  app: string,
  id: number,
): ConfigSnapshot {
  const snapshot = { app: readEnv(ctx, { kind: "app", app }), global: readEnv(ctx, { kind: "global" }) };
  const paths = snapshotPaths(ctx, app, id);
  atomicWriteFileSync(paths.global, serializeEnvFile(snapshot.global), { mode: 0o600, owner: ctx.owner });
  atomicWriteFileSync(paths.app, serializeEnvFile(snapshot.app), { mode: 0o600, owner: ctx.owner });
  return snapshot;
}

/** Release `id`'s snapshot; undefined when it has none (it never went live, or predates snapshots). */
export function readConfigSnapshot(ctx: Pick<Context, "paths">, app: string, id: number): ConfigSnapshot | undefined {
  const paths = snapshotPaths(ctx, app, id);
  const own = readEnvText(paths.app);
  const global = readEnvText(paths.global);
  return own && global ? { app: own, global } : undefined;
}

function readEnvText(path: string): Map<string, string> | undefined {
  try {
    return parseEnvFile(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}
