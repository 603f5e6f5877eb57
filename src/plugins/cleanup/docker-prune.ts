import { containerName, LABELS } from "../../builders/container-spec";
import type { DockerClient } from "../../executors/docker/client";
import { listAllAppContainers, removeStoppedContainer } from "../../executors/docker/containers";
import { danglingImages as listDanglingImages, removeImageName } from "../../executors/docker/images";
import type { ContainerFacts, ImageFacts } from "./plan";

/**
 * The docker effects of cleanup: listing what plan.ts decides on, and removing it without
 * force, so Docker itself refuses anything that became busy in between (a container started
 * again, an image a new container uses): those are skipped, never forced.
 */

/** Every container carrying the app's label, of any kind. */
export async function appContainerFacts(docker: DockerClient, app: string): Promise<ContainerFacts[]> {
  const infos = await listAllAppContainers(docker, app);
  return infos.map((info) => ({
    id: info.Id,
    name: containerName(info),
    state: info.State,
    labels: info.Labels ?? {},
  }));
}

/** Untagged images labelled by dokku: the app's (`com.dokku.app-name=<app>`) or any app's. */
export async function danglingImages(docker: DockerClient, app: string | undefined): Promise<ImageFacts[]> {
  return listDanglingImages(docker, app === undefined ? LABELS.app : `${LABELS.app}=${app}`);
}

/** Removes the containers that are still there and still stopped; returns how many went. */
export async function removeContainers(docker: DockerClient, ids: readonly string[]): Promise<number> {
  let removed = 0;
  // gone already, or running again (409): not ours to force
  for (const id of ids) if (await removeStoppedContainer(docker, id)) removed++;
  return removed;
}

/** Removes images Docker agrees are unused (no force); returns how many went. */
export async function removeImages(docker: DockerClient, ids: readonly string[]): Promise<number> {
  let removed = 0;
  // gone already, or a container or child image uses it (409)
  for (const id of ids) if (await removeImageName(docker, id)) removed++;
  return removed;
}
