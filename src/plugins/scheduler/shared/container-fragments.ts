import type { ContainerFragment, ContainerPhase } from "../../../builders/container-fragment";
import type { Context } from "../../../core/context";
import { dockerOptionsFragment } from "../../docker-options/fragment";
import { attachPostCreate, attachPostDeploy, networkFragment } from "../../network/fragment";
import { resourceFragment } from "../../resource/fragment";
import { storageFragment } from "../../storage/fragment";

/**
 * What the day-2 plugins add to a container of the app, in a fixed order: storage mounts,
 * resource limits, docker-options, networks (applyFragments merges them onto the spec).
 */
export async function containerFragments(
  ctx: Context,
  app: string,
  processType: string,
  phase: ContainerPhase,
): Promise<ContainerFragment[]> {
  const fragments: ContainerFragment[] = [];
  for (const fragment of [storageFragment, resourceFragment, dockerOptionsFragment, networkFragment])
    fragments.push(await fragment(ctx, app, processType, phase));
  return fragments;
}

/** After a container is created, before it starts: the networks it joins beyond its first (`network:set attach-post-create`). */
export function beforeStart(ctx: Context, app: string, processType: string): (containerId: string) => Promise<void> {
  return (containerId) => attachPostCreate(ctx, app, processType, containerId);
}

/** After a deploy container passed its checks, before the proxy routes to it (`network:set attach-post-deploy`). */
export function afterChecks(ctx: Context, app: string, processType: string, containerId: string): Promise<void> {
  return attachPostDeploy(ctx, app, processType, containerId);
}
