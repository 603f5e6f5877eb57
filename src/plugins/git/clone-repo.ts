import type { Context } from "../../core/context";
import { fetchAllRefsArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { chownTree, gitEnv, repoPath } from "./repo";

/** `apps:clone`: the new app's repo gets every branch and tag of the old one (Dokku copies the repo). */
export async function copyRefs(ctx: Context, fromApp: string, toApp: string): Promise<void> {
  const target = repoPath(ctx, toApp);
  const result = await runGit(fetchAllRefsArgv(target, repoPath(ctx, fromApp)), { env: gitEnv(ctx) });
  if (result.exitCode !== 0) throw new Error(`copying the git repo of ${fromApp} failed: ${result.stderr.trim()}`);
  chownTree(target, ctx.owner);
}
