import type { DockerClient } from "./client";
import { statusOf } from "./containers";

/** Removes a volume, forced; a missing one is not an error. */
export async function removeVolume(docker: DockerClient, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove({ force: true });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}
