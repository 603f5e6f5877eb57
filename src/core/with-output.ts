import type { Context } from "./context";
import type { Output } from "./output";

/**
 * The same context printing through another Output. Trigger handlers fired from it print
 * there too (the bus is re-bound), so a build log or a git protocol stream sees everything.
 */
export function withOutput(ctx: Context, out: Output): Context {
  const derived: Context = { ...ctx, out, bus: ctx.bus.withContext(() => derived) };
  return derived;
}

/** The context with `-----> `, `=====> ` and detail lines dropped: Dokku's DOKKU_QUIET_OUTPUT=1. */
export function quietly(ctx: Context): Context {
  return withOutput(ctx, { ...ctx.out, quiet: true, step() {}, heading() {}, detail() {} });
}
