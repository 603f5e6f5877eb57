import { upstreamRefusals } from "../../builders/upstream-check";
import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { findContainers } from "../../executors/docker/containers";
import { currentRelease } from "../release/releases";

/**
 * The last check before an app's upstreams are written: each address must be held, now, by a
 * running web container of the app (its `com.dokku.app-name` label) of the current release or
 * a newer one (a deploy's), or by the router fronting a swarm app. An address the engine gave
 * to another app's container after a restart, or that nothing holds, is refused, naming it, so
 * that a Host never reaches another app. One listing of the engine's running containers.
 */
export async function verifyUpstreams(
  ctx: Context,
  app: string,
  upstreams: readonly { readonly address: string; readonly dyno?: string }[],
): Promise<void> {
  if (upstreams.length === 0) return;
  const docker = await ctx.docker();
  const containers = await findContainers(docker, { status: ["running"] });
  const refusals = upstreamRefusals({ app, upstreams, containers, currentReleaseId: currentRelease(ctx, app)?.id });
  if (refusals.length === 0) return;
  throw new DokkuError(
    `Refusing to route ${app} to an address that is not one of its running web containers:\n${refusals.join("\n")}`,
    {
      code: "upstream-not-the-app",
    },
  );
}
