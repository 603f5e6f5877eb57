import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { containerUpstream, type ContainerUpstream } from "../../builders/nginx-upstreams";
import type { DockerClient } from "../../executors/docker/client";
import { inspectOrUndefined } from "../../executors/docker/containers";

/** The process types the proxy routes to (Dokku proxies web only). */
const PROXIED_TYPES = ["web"] as const;

/** A container the proxy should route to. */
export interface SwitchTarget {
  readonly id: string;
  readonly processType: string;
}

/**
 * `proxy-switch` per proxied type: route its traffic to exactly these containers' addresses.
 * A deploy calls it after the new containers passed their checks and before the old ones
 * retire; settling an unfinished deploy calls it with the containers that serve now
 * (`skipStopped`: those without an address are left out instead of failing the switch).
 * A refusal throws its reason.
 */
export async function switchProxy(
  ctx: Context,
  docker: DockerClient,
  app: string,
  targets: readonly SwitchTarget[],
  options: { readonly skipStopped?: boolean; readonly types?: readonly string[] } = {},
): Promise<void> {
  for (const processType of options.types ?? PROXIED_TYPES) {
    if (!PROXIED_TYPES.includes(processType as (typeof PROXIED_TYPES)[number])) continue;
    const containers = targets.filter((target) => target.processType === processType);
    if (containers.length === 0 && options.types === undefined) continue;
    const upstreams: ContainerUpstream[] = [];
    for (const container of containers) {
      const info = await inspectOrUndefined(docker, container.id);
      const upstream = info && containerUpstream(info);
      if (upstream) upstreams.push(upstream);
      else if (!options.skipStopped)
        throw new DokkuError(
          `Could not find the address of ${container.id.slice(0, 12)} (${processType}) on its network`,
          { code: "deploy-failed" },
        );
    }
    const outcome = await ctx.bus.fire("proxy-switch", { app, processType, upstreams });
    if (!outcome.allowed) throw new DokkuError(outcome.reason, { code: "proxy-switch-refused" });
  }
}
