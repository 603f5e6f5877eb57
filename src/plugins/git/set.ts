import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { checkBranchArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { GIT_PLUGIN, gitPropertyProblem } from "./properties";
import { gitEnv } from "./repo";

/**
 * `git:set <app>|--global <key> [<value>]`: writes the property, or clears it on an empty value.
 * An empty `rev-env-var` is kept (it turns GIT_REV off), as in Dokku.
 */
export async function setGitProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  const target = scope === GLOBAL ? GLOBAL : verifyApp(ctx, scope);
  const problem = gitPropertyProblem(key, value);
  if (problem) fail(problem, "invalid-property");
  if (
    key === "deploy-branch" &&
    value !== "" &&
    (await runGit(checkBranchArgv(value), { env: gitEnv(ctx) })).exitCode !== 0
  ) {
    fail(`Invalid deploy-branch value specified: ${value} is not a valid git branch name`, "invalid-property");
  }
  const write = () => {
    if (value !== "") {
      ctx.out.heading(`Setting ${key} to ${value}`);
      ctx.store.set(GIT_PLUGIN, target, key, value);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      if (key === "rev-env-var") ctx.store.set(GIT_PLUGIN, target, key, "");
      else ctx.store.delete(GIT_PLUGIN, target, key);
    }
  };
  if (target === GLOBAL) write();
  else await withAppLock(ctx, target, write);
}
