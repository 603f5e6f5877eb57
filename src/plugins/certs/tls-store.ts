import { existsSync, renameSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { appDir } from "../../core/paths";
import { atomicWriteFileSync, ensureDir } from "../../store/atomic-write";
import { CRT_FILE, CSR_FILE, KEY_FILE, tlsDir } from "./paths";

/** The files of an app's tls dir, already checked. */
export interface TlsFiles {
  readonly crt: string;
  readonly key: string;
  /** certs:generate keeps the signing request beside them, as Dokku. */
  readonly csr?: string;
}

/**
 * Replaces the app's tls dir as a whole: the files are written (key 0600) into a new dir beside
 * it, which is then renamed into place, so readers never see a certificate with another key.
 */
export function installTlsFiles(ctx: Pick<Context, "paths" | "owner">, app: string, files: TlsFiles): void {
  const staged = sibling(ctx, app, "new");
  try {
    ensureDir(staged, ctx.owner, 0o750);
    atomicWriteFileSync(`${staged}/${CRT_FILE}`, files.crt, { mode: 0o644, owner: ctx.owner });
    atomicWriteFileSync(`${staged}/${KEY_FILE}`, files.key, { mode: 0o600, owner: ctx.owner });
    if (files.csr !== undefined)
      atomicWriteFileSync(`${staged}/${CSR_FILE}`, files.csr, { mode: 0o644, owner: ctx.owner });
    removeTlsDir(ctx, app);
    renameSync(staged, tlsDir(ctx, app));
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

/** Removes the app's tls dir (renamed away first, so it vanishes at once). Returns whether there was one. */
export function removeTlsDir(ctx: Pick<Context, "paths">, app: string): boolean {
  const dir = tlsDir(ctx, app);
  if (!existsSync(dir)) return false;
  const doomed = sibling(ctx, app, "old");
  renameSync(dir, doomed);
  rmSync(doomed, { recursive: true, force: true });
  return true;
}

function sibling(ctx: Pick<Context, "paths">, app: string, kind: string): string {
  return `${appDir(ctx.paths, app)}/.tls.${kind}.${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
}
