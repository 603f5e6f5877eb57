import { join } from "node:path";
import type { Context } from "../../core/context";
import { addAllArgv, commitTreeArgv, updateRefArgv, writeTreeArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { tempBuildDir } from "./build-dir";
import { computedDeployBranch } from "./properties";
import { ensureRepo, gitEnv, repoPath, resolveRef } from "./repo";

export interface Author {
  readonly name: string;
  readonly email: string;
}

/** Dokku's author for commits it makes itself (git:from-archive, git:from-image). */
export const DOKKU_AUTHOR: Author = { name: "Dokku", email: "automated@dokku.sh" };

/** A commit made on top of the deploy branch, not yet on it. */
export interface PendingCommit {
  readonly rev: string;
  readonly ref: string;
  /** What the branch held when the commit was made (undefined: no branch yet). */
  readonly parent: string | undefined;
}

/**
 * Commits the tree in `dir` on top of the app's deploy branch, as Dokku's git-from-directory
 * does, without moving the branch: a temp index keeps the repo untouched. `advanceBranch`
 * moves it once the commit is deployed, so the branch always names deployed code.
 */
export async function commitDirectory(
  ctx: Context,
  app: string,
  dir: string,
  message: string,
  author: Author = DOKKU_AUTHOR,
): Promise<PendingCommit> {
  const repo = await ensureRepo(ctx, app);
  const branch = computedDeployBranch(ctx, app);
  using index = tempBuildDir(`${app}-index`);
  const env = {
    ...gitEnv(ctx),
    GIT_INDEX_FILE: join(index.path, "index"),
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const step = async (argv: string[], cwd?: string) => {
    const result = await runGit(argv, { env, cwd });
    if (result.exitCode !== 0) throw new Error(`${argv.slice(2, 4).join(" ")} failed: ${result.stderr.trim()}`);
    return result.stdout.trim();
  };
  await step(addAllArgv(repo, dir), dir);
  const tree = await step(writeTreeArgv(repo));
  const ref = `refs/heads/${branch}`;
  const parent = await resolveRef(ctx, app, ref);
  return { rev: await step(commitTreeArgv(repo, tree, parent, message)), ref, parent };
}

/**
 * Moves the deploy branch to the deployed commit, so `ps:rebuild` and `git clone` see what runs;
 * only if the branch still holds the commit's parent (nothing moved it meanwhile: the caller
 * holds the receive lock), else it stays and this says so.
 */
export async function advanceBranch(ctx: Context, app: string, commit: PendingCommit): Promise<void> {
  const result = await runGit(updateRefArgv(repoPath(ctx, app), commit.ref, commit.rev, commit.parent ?? ""), {
    env: gitEnv(ctx),
  });
  if (result.exitCode !== 0)
    ctx.out.warn(
      `${commit.ref} moved while ${commit.rev.slice(0, 7)} was deployed; it was left where it is: ${result.stderr.trim()}`,
    );
}
