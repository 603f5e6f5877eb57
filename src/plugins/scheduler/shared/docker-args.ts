import type { Context } from "../../../core/context";
import { containerExtras, RESERVED_LABEL_PREFIX, type ContainerExtras } from "../../../builders/docker-args";
import type { Release } from "../../deploy/contracts";

/**
 * Fires docker-args-deploy once per process type of the deploy, before any container starts
 * (a failing handler fails the deploy there), and returns what the handlers added, by type.
 * Reserved `com.dokku.*` labels are dropped with a warning.
 */
export async function collectContainerExtras(
  ctx: Context,
  app: string,
  release: Release,
  types: readonly string[],
): Promise<Map<string, ContainerExtras>> {
  const extras = new Map<string, ContainerExtras>();
  for (const processType of types) {
    const args = await ctx.bus.fire("docker-args-deploy", {
      app,
      processType,
      image: release.image,
      releaseId: release.id,
    });
    const { labels, env, dropped } = containerExtras(args);
    for (const name of dropped)
      ctx.out.warn(`Ignoring label ${name} for ${processType}: ${RESERVED_LABEL_PREFIX}* labels are dokku's own`);
    extras.set(processType, { labels, env });
  }
  return extras;
}
