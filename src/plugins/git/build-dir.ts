import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import type { Context } from "../../core/context";
import { archiveArgv, initWorkRepoArgv, untarArgv, workRepoArgv } from "../../builders/git-argv";
import { pipeBetween, runGit, spawnEnv } from "../../executors/git";
import { computedDeployBranch, keepGitDir } from "./properties";
import { gitEnv, repoPath } from "./repo";

/** A temp dir for an app's tree, removed at the end of the `using` scope whatever happens. */
export function tempBuildDir(app: string): { readonly path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), `dokku-${app}-`));
  chmodSync(path, 0o755);
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes the tree of `rev` into `dir`: `git archive | tar -x`, both argv. Inside a pre-receive
 * hook the pushed objects are still quarantined: git's GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES are kept (only GIT_DIR and friends go), so archive sees them.
 * With `keep-git-dir`, `dir/.git` becomes a repo holding `rev` on the deploy branch.
 */
export async function extractRev(ctx: Context, app: string, rev: string, dir: string): Promise<void> {
  const repo = repoPath(ctx, app);
  const env = spawnEnv(ctx.env, ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]);
  await pipeBetween(archiveArgv(repo, rev), untarArgv(dir), { env, cwd: repo });
  if (keepGitDir(ctx, app)) await addGitDir(ctx, app, rev, dir);
}

/** `dir/.git`: a fresh repo borrowing the app repo's (and the quarantine's) objects, repacked so it owns them. */
async function addGitDir(ctx: Context, app: string, rev: string, dir: string): Promise<void> {
  const repo = repoPath(ctx, app);
  const env = gitEnv(ctx);
  const branch = computedDeployBranch(ctx, app);
  await mustGit(initWorkRepoArgv(dir), env);
  const sources = [ctx.env.GIT_OBJECT_DIRECTORY, join(repo, "objects")]
    .filter((path): path is string => path !== undefined && path !== "")
    .map((path) => (isAbsolute(path) ? path : join(repo, path)));
  const alternates = join(dir, ".git", "objects", "info", "alternates");
  writeFileSync(alternates, `${sources.join("\n")}\n`);
  await mustGit(workRepoArgv(dir, "update-ref", `refs/heads/${branch}`, rev), env);
  await mustGit(workRepoArgv(dir, "symbolic-ref", "HEAD", `refs/heads/${branch}`), env);
  await mustGit(workRepoArgv(dir, "repack", "-a", "-d", "-q"), env);
  rmSync(alternates, { force: true });
  await mustGit(workRepoArgv(dir, "read-tree", rev), env);
}

async function mustGit(argv: readonly string[], env: Record<string, string>): Promise<void> {
  const result = await runGit(argv, { env });
  if (result.exitCode !== 0) throw new Error(`${argv.slice(0, 4).join(" ")} failed: ${result.stderr.trim()}`);
}
