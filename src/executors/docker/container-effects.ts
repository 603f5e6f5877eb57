import { Readable } from "node:stream";
import type { ContainerCreateOptions, ContainerInfo } from "dockerode";
import type { DockerClient } from "./client";

/**
 * Container effects the schedulers need beside containers.ts's: listing by any labels, create
 * without start, files copied in, kill.
 */

/** Containers carrying every label filter (`key=value` or `key`), in any state unless `status` narrows it. */
export async function listLabelledContainers(
  docker: DockerClient,
  labels: readonly string[],
  status?: readonly string[],
): Promise<ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [...labels], ...(status ? { status: [...status] } : {}) },
  });
}

/** Creates a container without starting it; its id. */
export async function createContainer(docker: DockerClient, spec: ContainerCreateOptions): Promise<string> {
  return (await docker.createContainer(spec)).id;
}

/** Extracts a tar archive at `path` in the container's filesystem. */
export async function putArchive(docker: DockerClient, id: string, tar: Uint8Array, path: string): Promise<void> {
  await docker.getContainer(id).putArchive(Readable.from([Buffer.from(tar)]), { path });
}

/** Sends SIGKILL to a running container. */
export async function killContainer(docker: DockerClient, id: string): Promise<void> {
  await docker.getContainer(id).kill();
}
