/**
 * The user-auth check before a command runs. Root at the server's own shell is never asked about
 * a recovery command (define-command's `recovery`): whatever a user-auth plugin does (refuse,
 * trap, loop, exhaust its memory) root can list, report, disable, enable and uninstall plugins.
 * Those handlers are skipped rather than run and overruled: a looping one would still cost its
 * timeout and a hungry one its memory. Everyone else, and every other command, is asked as before;
 * over ssh nobody is root here (core/safe-mode), so a key holder gets no way round a plugin.
 */
import type { Context } from "../core/context";
import { fail } from "../core/errors";
import { isLocalRoot } from "../core/safe-mode";
import type { DokkuCommand } from "./define-command";

export async function authorize(
  ctx: Context,
  command: DokkuCommand,
  args: readonly string[],
  app: string | null,
): Promise<void> {
  if (command.recovery && isLocalRoot(ctx)) {
    ctx.out.trace(`user-auth not asked: ${command.meta.name} is a recovery command run by root`);
    return;
  }
  const verdict = await ctx.bus.fire("user-auth", {
    user: ctx.user,
    sshUser: ctx.sshUser,
    command: command.meta.name,
    app,
    args: [...args],
  });
  if (verdict.allowed) return;
  const message = verdict.reason === "refused" ? "Access denied" : verdict.reason;
  const { plugin } = verdict;
  fail(plugin !== undefined && isLocalRoot(ctx) ? `${message}\n${recoveryHint(plugin)}` : message, "access-denied");
}

/** What root is told when a plugin's user-auth handler refused or failed. Pure. */
export function recoveryHint(plugin: string): string {
  return (
    `The refusal came from plugin ${plugin}: root can still run plugin:disable ${plugin}, plugin:uninstall ${plugin}, ` +
    "plugin:list and plugin:report, or any command with --safe-mode"
  );
}
