import { chmodSync, existsSync, lchownSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context";
import { appDir } from "../../core/paths";
import { initBareArgv, revParseArgv } from "../../builders/git-argv";
import { preReceiveHook } from "../../builders/git-hook";
import { runGit, HOOK_GIT_VARIABLES, spawnEnv } from "../../executors/git";
import { atomicWriteFileSync } from "../../store/atomic-write";
import type { StateOwner } from "../../store/ownership";

/** Dokku keeps the bare repo in the app dir itself: `$DOKKU_ROOT/<app>`. */
export function repoPath(ctx: Pick<Context, "paths">, app: string): string {
  return appDir(ctx.paths, app);
}

/** Whether the app dir holds a git repo (Dokku tests for `refs`). */
export function hasRepo(ctx: Pick<Context, "paths">, app: string): boolean {
  return existsSync(join(repoPath(ctx, app), "refs"));
}

/** The environment for git working on our repos: git's own hook variables removed. */
export function gitEnv(ctx: Pick<Context, "env">): Record<string, string> {
  return spawnEnv(ctx.env, HOOK_GIT_VARIABLES);
}

/**
 * Makes the app dir a bare repo (once) and (re)writes its pre-receive hook, so a push always
 * calls this executable back. The app dir itself must exist (apps:create made it).
 */
export async function ensureRepo(ctx: Context, app: string): Promise<string> {
  const repo = repoPath(ctx, app);
  if (!hasRepo(ctx, app)) {
    const result = await runGit(initBareArgv(repo), { env: gitEnv(ctx) });
    if (result.exitCode !== 0) throw new Error(`git init failed for ${app}: ${result.stderr.trim()}`);
    chownTree(repo, ctx.owner);
  }
  const hookPath = join(repo, "hooks", "pre-receive");
  const hook = preReceiveHook({ executablePath: ctx.executablePath, app, env: hookEnv(ctx) });
  if (!existsSync(hookPath) || readFileSync(hookPath, "utf8") !== hook) {
    atomicWriteFileSync(hookPath, hook, { mode: 0o755 });
    chmodSync(hookPath, 0o755);
    if (ctx.owner) lchownSync(hookPath, ctx.owner.uid, ctx.owner.gid);
  }
  return repo;
}

/** The roots the hook pins, as Dokku's hook pins DOKKU_ROOT: a push through any path lands in the same state. */
function hookEnv(ctx: Pick<Context, "paths">): Record<string, string> {
  return { DOKKU_ROOT: ctx.paths.dokkuRoot, DOKKU_LIB_ROOT: ctx.paths.libRoot, DOKKU_LOGS_DIR: ctx.paths.logsDir };
}

/** The commit `ref` points at in the app's repo, or undefined. */
export async function resolveRef(ctx: Context, app: string, ref: string): Promise<string | undefined> {
  const result = await runGit(revParseArgv(repoPath(ctx, app), ref), { env: gitEnv(ctx) });
  const rev = result.stdout.trim();
  return result.exitCode === 0 && rev !== "" ? rev : undefined;
}

/** When root writes into the repo, it stays the state owner's (the dokku user pushes to it). */
export function chownTree(path: string, owner: StateOwner | undefined): void {
  if (!owner) return;
  lchownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, owner);
    else lchownSync(child, owner.uid, owner.gid);
  }
}
