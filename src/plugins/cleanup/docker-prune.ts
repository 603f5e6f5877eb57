import { containerName } from "../../builders/container-spec";
import type { DockerClient } from "../../executors/docker/client";
import { statusOf } from "../../executors/docker/containers";
import type { ContainerFacts, ImageFacts } from "./plan";
import { LABELS } from "../../builders/container-spec";

/**
 * The docker effects of cleanup: listing what plan.ts decides on, and removing it without
 * force, so Docker itself refuses anything that became busy in between (a container started
 * again, an image a new container uses): those are skipped, never forced.
 */

/** Every container carrying the app's label, of any kind. */
export async function appContainerFacts(docker: DockerClient, app: string): Promise<ContainerFacts[]> {
  const infos = await docker.listContainers({ all: true, filters: { label: [`${LABELS.app}=${app}`] } });
  return infos.map((info) => ({
    id: info.Id,
    name: containerName(info),
    state: info.State,
    labels: info.Labels ?? {},
  }));
}

/** Ids of the images some container (running or not) was created from. */
export async function imagesInUse(docker: DockerClient): Promise<Set<string>> {
  const containers = await docker.listContainers({ all: true });
  return new Set(containers.map((container) => container.ImageID));
}

/** Untagged images labelled by dokku: the app's (`com.dokku.app-name=<app>`) or any app's. */
export async function danglingImages(docker: DockerClient, app: string | undefined): Promise<ImageFacts[]> {
  const label = app === undefined ? LABELS.app : `${LABELS.app}=${app}`;
  const images = await docker.listImages({ filters: { dangling: ["true"], label: [label] } });
  return images.map((image) => ({ id: image.Id, created: image.Created }));
}

/** Removes the containers that are still there and still stopped; returns how many went. */
export async function removeContainers(docker: DockerClient, ids: readonly string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) {
    try {
      await docker.getContainer(id).remove();
      removed++;
    } catch (error) {
      // gone already, or running again (409): not ours to force
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    }
  }
  return removed;
}

/** Removes images Docker agrees are unused (no force); returns how many went. */
export async function removeImages(docker: DockerClient, ids: readonly string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) {
    try {
      await docker.getImage(id).remove();
      removed++;
    } catch (error) {
      // gone already, or a container or child image uses it (409)
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    }
  }
  return removed;
}

/**
 * `POST /build/prune` (API 1.31+, so docker 20.10's 1.41 has it): the build cache no build
 * uses, optionally only what went unused for `until` (`24h`). dockerode's pruneBuilder drops
 * its options, so the request is dialled here. Returns the bytes reclaimed; an engine without
 * the endpoint (404) reclaims nothing.
 */
export async function pruneBuildCache(docker: DockerClient, until?: string): Promise<number> {
  const options = until === undefined ? {} : { filters: { until: [until] } };
  try {
    const result = await new Promise<{ SpaceReclaimed?: number } | undefined>((resolve, reject) =>
      docker.modem.dial(
        {
          path: "/build/prune?",
          method: "POST",
          options,
          statusCodes: { 200: true, 400: "bad parameter", 404: "not supported", 500: "server error" },
        },
        (error: unknown, data: unknown) =>
          error ? reject(error) : resolve(data as { SpaceReclaimed?: number } | undefined),
      ),
    );
    return result?.SpaceReclaimed ?? 0;
  } catch (error) {
    if (statusOf(error) === 404) return 0;
    throw error;
  }
}
