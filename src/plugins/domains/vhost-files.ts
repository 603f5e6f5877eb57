import { readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { appDir } from "../../core/paths";
import { formatVhostLines, parseVhostLines } from "../../builders/domain-vhosts";
import { atomicWriteFileSync } from "../../store/atomic-write";

/**
 * Dokku's VHOST files, kept where Dokku keeps them so a host moved between the two reads the
 * same domains: `$DOKKU_ROOT/VHOST` (global domains) and `$DOKKU_ROOT/<app>/VHOST` (the app's).
 */
export function globalVhostPath(ctx: Pick<Context, "paths">): string {
  return `${ctx.paths.dokkuRoot}/VHOST`;
}

export function appVhostPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${appDir(ctx.paths, app)}/VHOST`;
}

/** The domains in a VHOST file; undefined when there is no file. */
export function readVhostFile(path: string): string[] | undefined {
  try {
    return parseVhostLines(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/** Replaces a VHOST file atomically (one domain per line), owned by the state owner. */
export function writeVhostFile(ctx: Pick<Context, "owner">, path: string, domains: readonly string[]): void {
  atomicWriteFileSync(path, formatVhostLines(domains), { mode: 0o644, owner: ctx.owner });
}

export function removeVhostFile(path: string): void {
  rmSync(path, { force: true });
}
