import type Dockerode from "dockerode";

/**
 * The Docker Engine API client. dockerode is loaded on first use, so commands that never touch
 * Docker (apps, config, ssh-keys ...) do not pay for loading it. DOCKER_HOST is honoured as by
 * the docker CLI; the default is the local socket.
 */
export type DockerClient = Dockerode;

/** Docker's shapes plugins read (a listed container, a service spec), so no plugin imports dockerode itself. */
export type { ContainerInfo, ServiceSpec } from "dockerode";

export function dockerConnector(env: Readonly<Record<string, string | undefined>>): () => Promise<DockerClient> {
  let client: Promise<DockerClient> | undefined;
  return () => {
    client ??= import("dockerode").then(({ default: Docker }) => {
      const host = env.DOCKER_HOST;
      if (host?.startsWith("unix://")) return new Docker({ socketPath: host.slice("unix://".length) });
      if (host) return new Docker();
      return new Docker({ socketPath: "/var/run/docker.sock" });
    });
    return client;
  };
}
