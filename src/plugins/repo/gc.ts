import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { processSink } from "../../core/output";
import { runGit } from "../../executors/git";
import { chownTree, gitEnv, hasRepo, repoPath } from "../git/repo";

/**
 * `git gc --aggressive` in the app's bare repo, as Dokku's repo:gc. Loose refs stay loose
 * (`gc.packRefs=false`, where Dokku writes the heads back afterwards): git:report reads the
 * deploy branch's ref file for its last update. Pure.
 */
export function gcArgv(repo: string): string[] {
  return ["git", `--git-dir=${repo}`, "-c", "gc.packRefs=false", "gc", "--aggressive"];
}

/** `repo:gc <app>`: git's own output passed through; a failure is `Unable to run git gc: <git's message>`. */
export async function gcRepo(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (!hasRepo(ctx, app)) fail(`Unable to run git gc: ${app} has no git repository yet (push to it first)`);
  const repo = repoPath(ctx, app);
  const result = await runGit(gcArgv(repo), { env: gitEnv(ctx) });
  // root's gc writes new packs: they stay the dokku user's
  chownTree(repo, ctx.owner);
  if (result.exitCode !== 0) fail(`Unable to run git gc: ${result.stderr.trim()}`);
  if (result.stdout !== "") ctx.out.raw(result.stdout);
  if (result.stderr !== "") processSink.stderr(result.stderr);
}
