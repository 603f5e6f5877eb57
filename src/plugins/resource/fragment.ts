import type { ContainerFragment, ContainerPhase } from "../../builders/container-fragment";
import { resourceFragmentFor } from "../../builders/resource-fragment";
import type { Context } from "../../core/context";
import { resourceProperties } from "./properties";

/**
 * The resource limits and reservations of an app's `processType` container (its own values,
 * else the app's `_default_` ones) as HostConfig fields. Deploy and run containers get the
 * same; `DOKKU_OMIT_RESOURCE_ARGS=1` leaves them out, as in Dokku.
 */
export async function resourceFragment(
  ctx: Context,
  app: string,
  processType: string,
  _phase: ContainerPhase,
): Promise<ContainerFragment> {
  if (ctx.env.DOKKU_OMIT_RESOURCE_ARGS === "1") return {};
  return resourceFragmentFor(resourceProperties(ctx, app), processType);
}
