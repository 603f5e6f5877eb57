import type { Context } from "../../core/context";
import { checkBranchArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { setPluginProperty } from "../property-set";
import { GIT_PLUGIN, GIT_PROPERTIES, gitPropertyProblem } from "./properties";
import { gitEnv } from "./repo";

/**
 * `git:set <app>|--global <key> [<value>]`: writes the property, or clears it on an empty value.
 * An empty `rev-env-var` is kept (it turns GIT_REV off), as in Dokku.
 */
export function setGitProperty(ctx: Context, scope: string | undefined, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: GIT_PLUGIN,
    scope,
    key,
    value,
    properties: GIT_PROPERTIES,
    noun: "key",
    validate: async (property, given) => {
      const problem = gitPropertyProblem(property, given);
      if (problem || property !== "deploy-branch") return problem;
      return (await runGit(checkBranchArgv(given), { env: gitEnv(ctx) })).exitCode === 0
        ? undefined
        : `Invalid deploy-branch value specified: ${given} is not a valid git branch name`;
    },
    keepEmpty: ["rev-env-var"],
  });
}
