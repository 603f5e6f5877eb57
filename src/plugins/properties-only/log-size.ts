import type { ContainerFragment } from "../../builders/container-fragment";
import { withLogSize } from "../../builders/log-size";
import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";
import { DEFAULT_MAX_SIZE } from "./logs";

/** `logs:set max-size` computed for an app: its own, else the global one, else Dokku's 10m. */
export function computedMaxSize(ctx: Pick<Context, "store">, app: string): string {
  return ctx.store.get("logs", app, "max-size") || ctx.store.get("logs", GLOBAL, "max-size") || DEFAULT_MAX_SIZE;
}

/**
 * The app's log size bound for its deploy containers, as a function over each container's
 * fragments; the daemon's default log driver is asked once (only when the size is bounded).
 */
export async function logSizeOf(
  ctx: Context,
  app: string,
): Promise<(fragments: readonly ContainerFragment[]) => ContainerFragment[]> {
  const maxSize = computedMaxSize(ctx, app);
  if (maxSize === "unlimited") return (fragments) => [...fragments];
  const info = (await (await ctx.docker()).info()) as { LoggingDriver?: string };
  return (fragments) => withLogSize(fragments, maxSize, info.LoggingDriver ?? "");
}
