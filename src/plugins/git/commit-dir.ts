import { join } from "node:path";
import type { Context } from "../../core/context";
import { addAllArgv, commitTreeArgv, updateRefArgv, writeTreeArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { tempBuildDir } from "./build-dir";
import { computedDeployBranch } from "./properties";
import { ensureRepo, gitEnv, resolveRef } from "./repo";

export interface Author {
  readonly name: string;
  readonly email: string;
}

/** Dokku's author for commits it makes itself (git:from-archive, git:from-image). */
export const DOKKU_AUTHOR: Author = { name: "Dokku", email: "automated@dokku.sh" };

/**
 * Commits the tree in `dir` onto the app's deploy branch, as Dokku's git-from-directory does, so
 * `ps:rebuild` and `git clone` see what was deployed. A temp index keeps the repo untouched
 * until `update-ref`. Returns the new commit.
 */
export async function commitDirectory(ctx: Context, app: string, dir: string, message: string, author: Author = DOKKU_AUTHOR): Promise<string> {
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
  const parent = await resolveRef(ctx, app, `refs/heads/${branch}`);
  const commit = await step(commitTreeArgv(repo, tree, parent, message));
  await step(updateRefArgv(repo, `refs/heads/${branch}`, commit));
  return commit;
}
