import { fail } from "../../core/errors";
import type { DockerClient } from "../../executors/docker/client";
import { swarmState } from "../../executors/docker/swarm";
import { swarmRole } from "./swarm-role";

/** Refuses, with what to do, unless this engine is a swarm manager (services are managed there only). */
export async function requireManager(docker: DockerClient): Promise<void> {
  const role = swarmRole(await swarmState(docker));
  if (role === "manager") return;
  if (role === "none")
    fail(
      "This host is not in a swarm: run dokku scheduler-swarm:initialize first, or select the docker-local scheduler",
      "swarm-inactive",
    );
  if (role === "worker") fail("This host is a swarm worker: run dokku on a manager node", "swarm-worker");
  fail("This host's swarm is not ready (pending, locked or in error): see docker info", "swarm-inactive");
}

/** Whether the engine is a swarm manager; for the paths that only clean up (a host that left the swarm has no services). */
export async function isManager(docker: DockerClient): Promise<boolean> {
  return swarmRole(await swarmState(docker)) === "manager";
}
