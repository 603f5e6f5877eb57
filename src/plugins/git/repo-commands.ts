import { readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { statusArgv } from "../../builders/git-argv";
import { handOverToGit } from "../../executors/git";
import { withAppLock } from "../../store/app-lock";
import { ensureRepo, gitEnv, repoPath } from "./repo";

/** `git:initialize <app>`: makes the app dir a bare repo when it is not one and (re)writes its pre-receive hook. */
export async function initializeRepo(ctx: Context, name: string | undefined): Promise<void> {
  const app = verifyApp(ctx, name);
  ctx.out.step(`Initializing git repository for ${app}`);
  await withAppLock(ctx, app, () => ensureRepo(ctx, app));
}

/**
 * `git:status <app>`: git's own `status` run in the app's repo, with our stdout and stderr, its
 * exit code ours, as Dokku does (the repo is bare: git says it must be run in a work tree).
 */
export async function repoStatus(ctx: Context, name: string | undefined): Promise<void> {
  const app = verifyApp(ctx, name);
  const exitCode = await handOverToGit(statusArgv(), { env: gitEnv(ctx), cwd: repoPath(ctx, app) });
  if (exitCode !== 0) throw new DokkuError("", { code: "git-status", exitCode });
}

/** The deploy keys Dokku looks for, in its order. */
const DEPLOY_KEYS = ["id_ed25519.pub", "id_rsa.pub"];

/** `git:public-key`: the dokku user's public deploy key (`$DOKKU_ROOT/.ssh/id_ed25519.pub`, else `id_rsa.pub`). */
export function printPublicKey(ctx: Context): void {
  for (const file of DEPLOY_KEYS) {
    let key: string;
    try {
      key = readFileSync(`${ctx.paths.dokkuRoot}/.ssh/${file}`, "utf8");
    } catch {
      continue;
    }
    ctx.out.print(key.replace(/\n$/, ""));
    return;
  }
  ctx.out.warn("There is no deploy key associated with the dokku user.");
  ctx.out.warn("Generate an ssh key with: ssh-keygen -t ed25519 -N '' -f ~dokku/.ssh/id_ed25519 (as the dokku user)");
  fail("No deploy key", "no-deploy-key");
}
