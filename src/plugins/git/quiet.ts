import type { Context } from "../../core/context";
import { createOutput, processSink } from "../../core/output";
import { withOutput } from "../../core/with-output";

/**
 * While git speaks its protocol on stdout (git-receive-pack, git-upload-pack), nothing of ours
 * may reach stdout: every line, a trigger handler's included, goes to stderr, quietly unless
 * `loud` (what the pusher must see before git starts, such as a wait for another push).
 */
export function offProtocolStream(ctx: Context, options: { readonly loud?: boolean } = {}): Context {
  const stderrOnly = { stdout: processSink.stderr, stderr: processSink.stderr };
  return withOutput(
    ctx,
    createOutput(stderrOnly, { quiet: options.loud !== true || ctx.out.quiet, trace: ctx.out.tracing }),
  );
}
