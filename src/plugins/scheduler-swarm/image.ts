import { splitImageReference } from "../../builders/registry-image";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { DockerClient } from "../../executors/docker/client";
import { listSwarmNodes } from "../../executors/docker/swarm";
import type { Release } from "../deploy/contracts";
import { pushReleaseImage } from "../registry/push";

/**
 * The image reference the release's services run. With a registry set (`registry:set <app>
 * server`), the image is pushed there and the services pull it, on any node. Without one, the
 * local image serves a single node; with more nodes the others could not get it, so the deploy
 * stops, saying what to set, before touching the services.
 */
export async function serviceImage(ctx: Context, docker: DockerClient, app: string, release: Release): Promise<string> {
  const pushed = await pushReleaseImage(ctx, app, release.image, splitImageReference(release.image).tag);
  if (pushed !== undefined) return pushed;
  const nodes = (await listSwarmNodes(docker)).filter((node) => node.availability !== "drain");
  const problem = unreachableImageProblem(app, release.image, nodes.length);
  if (problem !== undefined) fail(problem, "swarm-no-registry");
  return release.image;
}

/** Why a local-only image cannot serve a swarm of `nodes` nodes that take tasks; undefined for one. Pure. */
export function unreachableImageProblem(app: string, image: string, nodes: number): string | undefined {
  if (nodes <= 1) return undefined;
  return `The swarm has ${nodes} nodes but no registry is set for ${app}: the other nodes could not pull ${image}. Set one with: dokku registry:set ${app} server <host[:port]>`;
}
