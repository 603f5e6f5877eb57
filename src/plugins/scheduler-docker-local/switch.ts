import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { containerUpstream, type ContainerUpstream } from "../../builders/nginx-upstreams";
import type { DockerClient } from "../../executors/docker/client";
import { inspectOrUndefined } from "../../executors/docker/containers";

/** The process types the proxy routes to (Dokku proxies web only). */
const PROXIED_TYPES = ["web"] as const;

/**
 * After the new containers passed their checks and before the old ones retire: `proxy-switch`
 * per proxied type, with the new containers' addresses. A refusal throws its reason (the caller
 * removes the new containers; the old ones and the old proxy config keep serving).
 */
export async function switchProxy(
  ctx: Context,
  docker: DockerClient,
  app: string,
  started: readonly { readonly id: string; readonly planned: { readonly processType: string } }[],
): Promise<void> {
  for (const processType of PROXIED_TYPES) {
    const containers = started.filter((container) => container.planned.processType === processType);
    if (containers.length === 0) continue;
    const upstreams: ContainerUpstream[] = [];
    for (const container of containers) {
      const info = await inspectOrUndefined(docker, container.id);
      const upstream = info && containerUpstream(info);
      if (!upstream) throw new DokkuError(`Could not find the address of ${container.id.slice(0, 12)} (${processType}) on its network`, { code: "deploy-failed" });
      upstreams.push(upstream);
    }
    const outcome = await ctx.bus.fire("proxy-switch", { app, processType, upstreams });
    if (!outcome.allowed) throw new DokkuError(outcome.reason, { code: "proxy-switch-refused" });
  }
}
