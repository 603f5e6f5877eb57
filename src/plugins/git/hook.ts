import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { assertValidAppName } from "../../core/validation";
import { checkBranchArgv } from "../../builders/git-argv";
import { runGit } from "../../executors/git";
import { recordDeploySource, deployRev } from "./deploy-rev";
import { GIT_PLUGIN, configuredDeployBranch } from "./properties";
import { decidePush, parseRefLines, refStillAt } from "./ref-lines";
import { gitEnv, resolveRef } from "./repo";

/**
 * `git-hook <app>`, run by the repo's pre-receive hook with git's ref lines on stdin: a push to
 * the deploy branch deploys (a failure exits non-zero, so git rejects the push); the first push
 * of an app without a deploy branch makes its branch the deploy branch; other branches are kept
 * with a warning and not deployed.
 */
export async function runGitHook(ctx: Context, app: string | undefined, refLines: string): Promise<void> {
  const name = assertValidAppName(app);
  const configured = configuredDeployBranch(ctx, name);
  if (configured !== undefined && !(await isValidBranch(ctx, configured))) {
    ctx.out.step(`WARNING: Invalid branch name '${configured}' specified via deploy-branch setting.`);
    ctx.out.step("For more details, please see the man page for 'git-check-ref-format.'");
    return;
  }
  for (const update of parseRefLines(refLines)) {
    const decision = decidePush(update, configuredDeployBranch(ctx, name));
    if (decision.action === "ignore") continue;
    if (decision.action === "warn-other-branch") {
      ctx.out.step(`WARNING: deploy did not complete, you must push to ${decision.deployBranch}.`);
      ctx.out.step(`for example, try 'git push <dokku> ${decision.pushed}:${decision.deployBranch}'`);
      continue;
    }
    // git updates the ref only if it still holds oldrev: code it would then refuse is not deployed
    const now = await resolveRef(ctx, name, update.refname);
    if (!refStillAt(now, update.oldrev)) {
      fail(
        `${update.refname} of ${name} moved while this push was received (now ${now ?? "deleted"}); fetch and push again`,
        "ref-moved",
      );
    }
    if (decision.action === "set-branch-and-deploy") {
      ctx.out.step(`Set ${decision.branch} as deploy-branch`);
      ctx.store.set(GIT_PLUGIN, name, "deploy-branch", decision.branch);
    }
    await deployRev(ctx, name, decision.rev);
    recordDeploySource(ctx, name, "git-push", decision.rev);
  }
}

async function isValidBranch(ctx: Context, branch: string): Promise<boolean> {
  return (await runGit(checkBranchArgv(branch), { env: gitEnv(ctx) })).exitCode === 0;
}
