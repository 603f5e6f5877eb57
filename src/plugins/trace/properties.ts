import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

/**
 * trace:on / trace:off: the global property `trace/--global/enabled`, read by
 * runtime/create-context (with --trace and DOKKU_TRACE=1) to turn on trace output.
 */
export function setTraceEnabled(ctx: Pick<Context, "store">, enabled: boolean): void {
  if (enabled) ctx.store.set("trace", GLOBAL, "enabled", "true");
  else ctx.store.delete("trace", GLOBAL, "enabled");
}
