import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context";
import { fetchAllRefsArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { APPS_PLUGIN } from "../apps/paths";
import { tempBuildDir } from "./build-dir";
import { computedDeployBranch, sourceImage } from "./properties";
import { chownTree, gitEnv, repoPath, resolveRef } from "./repo";

/**
 * `apps:clone`: the new app's repo gets every branch and tag of the old one (Dokku copies the
 * repo). When root clones, the old repo belongs to the dokku user and git's upload-pack would
 * refuse it ("dubious ownership"); git (2.39) takes `safe.directory` only from a global or
 * system file, so this fetch gets a global config naming the old repo safe, and nothing else.
 */
export async function copyRefs(ctx: Context, fromApp: string, toApp: string): Promise<void> {
  const target = repoPath(ctx, toApp);
  const source = repoPath(ctx, fromApp);
  using dir = tempBuildDir(toApp);
  const globalConfig = join(dir.path, "gitconfig");
  writeFileSync(globalConfig, safeDirectoryConfig(source));
  const result = await runGit(fetchAllRefsArgv(target, source), {
    env: { ...gitEnv(ctx), GIT_CONFIG_GLOBAL: globalConfig },
  });
  if (result.exitCode !== 0) throw new Error(`copying the git repo of ${fromApp} failed: ${result.stderr.trim()}`);
  chownTree(target, ctx.owner);
}

/** A git config file naming one directory safe; the path quoted as git's config syntax wants. Pure. */
export function safeDirectoryConfig(path: string): string {
  return `[safe]\n\tdirectory = "${path.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"\n`;
}

/**
 * `apps:clone` without --skip-deploy, as Dokku's ps post-app-clone: the new app is built from
 * the code it got (its deploy branch, or its source image) and deployed under its own name, as
 * `ps:rebuild` would. An app with no code there (never pushed: Dokku's git-has-code) is left alone.
 */
export async function deployClone(ctx: Context, app: string): Promise<void> {
  const hasImage = ctx.store.get(APPS_PLUGIN, app, "deploy-source") === "docker-image" && sourceImage(ctx, app) !== "";
  if (!hasImage && (await resolveRef(ctx, app, `refs/heads/${computedDeployBranch(ctx, app)}`)) === undefined) return;
  await (await import("./rebuild")).rebuildApp(ctx, app);
}
