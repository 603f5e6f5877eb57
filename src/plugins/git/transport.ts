import type { Context } from "../../core/context";
import { appExists } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { assertValidAppName } from "../../core/validation";
import { assertNewAppName } from "../apps/new-name";
import { receivePackArgv, uploadPackArgv } from "../../builders/git-argv";
import { handOverToGit } from "../../executors/git";
import { createAppLocked } from "../apps/create";
import { APPS_PLUGIN } from "../apps/paths";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { offProtocolStream } from "./quiet";
import { holdReceiveLock } from "./receive-lock";
import { ensureRepo, gitEnv } from "./repo";

/**
 * The app a git client names: `git push dokku@host:app` sends `git-receive-pack 'app'`, and
 * `dokku@host:/app` a leading slash, which Dokku drops. Quotes are gone already (main split the
 * command into words). Pure.
 */
export function appFromRepoArg(arg: string | undefined): string {
  return (arg ?? "").replace(/^\/+/, "");
}

/**
 * `git-receive-pack '<app>'`: the server side of `git push`; creates the app and its repo on
 * first push. One push of an app at a time (holdReceiveLock): a second one waits before git
 * advertises the refs, so it pushes on top of the first one's result or is refused by git.
 */
export async function receivePack(outer: Context, repoArg: string | undefined): Promise<void> {
  const ctx = offProtocolStream(outer);
  const app = assertValidAppName(appFromRepoArg(repoArg));
  await maybeCreateApp(ctx, app);
  const repo = await ensureRepo(ctx, app);
  using _lock = await holdReceiveLock(offProtocolStream(outer, { loud: true }), app);
  exitWith(await handOverToGit(receivePackArgv(repo), { env: transportEnv(ctx) }));
}

/** `git-upload-pack '<app>'`: the server side of `git clone` / `git fetch`. */
export async function uploadPack(outer: Context, repoArg: string | undefined): Promise<void> {
  const ctx = offProtocolStream(outer);
  const app = assertValidAppName(appFromRepoArg(repoArg));
  await maybeCreateApp(ctx, app);
  const repo = await ensureRepo(ctx, app);
  exitWith(await handOverToGit(uploadPackArgv(repo), { env: transportEnv(ctx) }));
}

/**
 * Dokku's app-maybe-create: a missing app is created silently, unless
 * `apps:set --global disable-autocreation true`.
 */
export async function maybeCreateApp(ctx: Context, app: string): Promise<void> {
  if (appExists(ctx, app)) return;
  if (ctx.store.get(APPS_PLUGIN, GLOBAL, "disable-autocreation") === "true") {
    ctx.out.warn("App auto-creation disabled.");
    fail(`Re-enable app auto-creation or create an app with 'dokku apps:create ${app}'`, "autocreation-disabled");
  }
  assertNewAppName(ctx, app);
  await withAppLock(ctx, app, async () => {
    // a concurrent first push may have created it meanwhile
    if (!appExists(ctx, app)) await createAppLocked(ctx, app);
  });
}

/**
 * git's environment: ours without SSH_ORIGINAL_COMMAND, as Dokku's `export -n` drops it, so
 * the hook's call back into this executable runs `git-hook`, not the forced command again.
 */
function transportEnv(ctx: Context): Record<string, string> {
  const env = gitEnv(ctx);
  delete env.SSH_ORIGINAL_COMMAND;
  return env;
}

/** git's exit status becomes ours, with no message of our own (git has said why). */
function exitWith(code: number): void {
  if (code !== 0) throw new DokkuError("", { code: "git-failed", exitCode: code });
}
