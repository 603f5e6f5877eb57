import type { NetworkInspectInfo } from "dockerode";
import type { DockerClient } from "./client";
import { statusOf } from "./containers";

/**
 * The Docker network effects the network plugin needs, over dockerode. Networks are found by
 * their exact name in the list: Docker's inspect also matches an id prefix, which a name check
 * must not.
 */

/** An attachable network with the labels: a bridge on this host, or an overlay across a Swarm. */
export async function createNetwork(
  docker: DockerClient,
  name: string,
  labels: Readonly<Record<string, string>>,
  driver: "bridge" | "overlay" = "bridge",
): Promise<void> {
  await docker.createNetwork({
    Name: name,
    Driver: driver,
    Attachable: true,
    CheckDuplicate: true,
    Labels: { ...labels },
  });
}

export async function removeNetwork(docker: DockerClient, name: string): Promise<void> {
  await docker.getNetwork(name).remove();
}

/** Every network, as `docker network ls` lists them (without their containers). */
export async function listNetworks(docker: DockerClient): Promise<NetworkInspectInfo[]> {
  return docker.listNetworks();
}

/** The network named exactly `name`, with its containers; undefined when there is none. */
export async function inspectNetwork(docker: DockerClient, name: string): Promise<NetworkInspectInfo | undefined> {
  const found = (await listNetworks(docker)).find((network) => network.Name === name);
  if (!found) return undefined;
  try {
    return await docker.getNetwork(found.Id).inspect();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Joins a container (created or running) to a network, with aliases there. */
export async function connectContainer(
  docker: DockerClient,
  network: string,
  container: string,
  aliases: readonly string[],
): Promise<void> {
  await docker
    .getNetwork(network)
    .connect({ Container: container, EndpointConfig: aliases.length > 0 ? { Aliases: [...aliases] } : {} });
}

/** The message of a Docker API error (its JSON `message`), else the error's own. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | undefined)?.json;
  if (json && typeof json.message === "string") return json.message;
  return error instanceof Error ? error.message : String(error);
}
