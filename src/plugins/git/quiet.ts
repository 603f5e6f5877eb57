import type { Context } from "../../core/context";

/** The context with `-----> `, `=====> ` and detail lines dropped: Dokku's DOKKU_QUIET_OUTPUT=1. */
export function quietly(ctx: Context): Context {
  return { ...ctx, out: { ...ctx.out, quiet: true, step() {}, heading() {}, detail() {} } };
}
