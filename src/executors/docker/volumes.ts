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

/** Whether a volume of that name exists on the engine. */
export async function volumeExists(docker: DockerClient, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
