import { LABELS } from "../../builders/container-spec";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { DockerClient } from "../../executors/docker/client";
import { statusOf } from "../../executors/docker/containers";
import { createNetwork, inspectNetwork, removeNetwork } from "../../executors/docker/networks";
import { swarmProperty } from "./properties";

/** The label of an overlay network this plugin made for one app (and removes with it). */
const OWNED_LABEL = "com.dokku.swarm-app-network";

/** `dokku-swarm-<app>`: the overlay network of an app without a `network` property. Pure. */
export function defaultAppNetwork(app: string): string {
  return `dokku-swarm-${app}`;
}

/** The overlay network the app's tasks and its router share: scheduler-swarm `network`, else the app's own. */
export function appNetworkName(ctx: Pick<Context, "store">, app: string): string {
  return swarmProperty(ctx, app, "network") || defaultAppNetwork(app);
}

/**
 * Makes sure the app's network is an attachable overlay (the router, a plain container, joins
 * it): the app's own is created when missing; a named one must exist already.
 */
export async function ensureAppNetwork(ctx: Context, docker: DockerClient, app: string): Promise<string> {
  const name = appNetworkName(ctx, app);
  const found = await inspectNetwork(docker, name);
  if (found) {
    if (!isAttachableOverlay(found)) {
      fail(
        `Network ${name} must be an attachable overlay network (docker network create --driver overlay --attachable ${name})`,
        "invalid-network",
      );
    }
    return name;
  }
  if (name !== defaultAppNetwork(app))
    fail(
      `Network ${name} does not exist; create it with: docker network create --driver overlay --attachable ${name}`,
      "invalid-network",
    );
  ctx.out.detail(`Creating overlay network ${name}`);
  await createNetwork(docker, name, { [LABELS.app]: app, [OWNED_LABEL]: "true" }, "overlay");
  return name;
}

/** The app's overlay network when it exists and a plain container can join it (on a manager). */
export async function existingAppNetwork(ctx: Context, app: string): Promise<string | undefined> {
  const docker = await ctx.docker();
  const found = await inspectNetwork(docker, appNetworkName(ctx, app));
  return found && isAttachableOverlay(found) ? found.Name : undefined;
}

/** An overlay network a plain container (the router, a one-off run) can join. */
function isAttachableOverlay(network: { readonly Driver?: string; readonly Attachable?: boolean }): boolean {
  return network.Driver === "overlay" && network.Attachable === true;
}

/** Removes the app's own overlay network (apps:destroy); a network we did not make stays. */
export async function removeAppNetwork(docker: DockerClient, app: string): Promise<void> {
  const found = await inspectNetwork(docker, defaultAppNetwork(app));
  if (found?.Labels?.[OWNED_LABEL] !== "true" || found.Labels?.[LABELS.app] !== app) return;
  // Swarm detaches the removed tasks from the network a moment after their containers go
  for (let attempt = 0; ; attempt++) {
    try {
      await removeNetwork(docker, found.Id);
      break;
    } catch (error) {
      if (statusOf(error) === 404) return;
      if (attempt >= 40) throw error;
      await Bun.sleep(250);
    }
  }
  // this node lists the removed network (its load-balancer endpoint) a moment longer: a deploy
  // right after must not find it and reuse a network on its way out
  for (let attempt = 0; attempt < 40 && (await inspectNetwork(docker, found.Name))?.Id === found.Id; attempt++)
    await Bun.sleep(250);
}
