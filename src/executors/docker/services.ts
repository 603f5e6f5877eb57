import type { ServiceSpec } from "dockerode";
import { LABELS } from "../../builders/container-spec";
import type { DockerClient } from "./client";
import { statusOf } from "./containers";

/**
 * Swarm services and their tasks over dockerode (GET/POST /services, /tasks). Types cover the
 * fields we read.
 */

/** Where a rolling update stands (a service's UpdateStatus). */
export interface UpdateStatus {
  /** `updating`, `paused`, `completed`, `rollback_started`, `rollback_paused`, `rollback_completed`. */
  readonly State?: string;
  readonly StartedAt?: string;
  readonly CompletedAt?: string;
  readonly Message?: string;
}

/** A service as GET /services/{id} gives it. */
export interface ServiceInfo {
  readonly ID: string;
  readonly Version: { readonly Index: number };
  readonly CreatedAt?: string;
  readonly UpdatedAt?: string;
  readonly Spec: ServiceSpec & { readonly Labels?: Record<string, string> };
  readonly PreviousSpec?: ServiceSpec;
  readonly UpdateStatus?: UpdateStatus;
}

/** A task as GET /tasks gives it: the fields the scheduler reads. */
export interface TaskInfo {
  readonly ID?: string;
  readonly ServiceID?: string;
  readonly NodeID?: string;
  readonly Slot?: number;
  readonly DesiredState?: string;
  readonly CreatedAt?: string;
  readonly UpdatedAt?: string;
  readonly Spec?: {
    readonly ContainerSpec?: { readonly Image?: string; readonly Labels?: Readonly<Record<string, string>> };
  };
  readonly Status?: {
    readonly State?: string;
    readonly Timestamp?: string;
    readonly Message?: string;
    readonly Err?: string;
    readonly ContainerStatus?: { readonly ContainerID?: string; readonly ExitCode?: number };
  };
}

/** Every service labelled with the app. */
export async function listAppServices(docker: DockerClient, app: string): Promise<ServiceInfo[]> {
  return (await docker.listServices({ filters: { label: [`${LABELS.app}=${app}`] } })) as unknown as ServiceInfo[];
}

export async function inspectService(docker: DockerClient, id: string): Promise<ServiceInfo | undefined> {
  try {
    return (await docker.getService(id).inspect()) as ServiceInfo;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Creates the service; its id. */
export async function createService(docker: DockerClient, spec: ServiceSpec): Promise<string> {
  const created = (await docker.createService(spec)) as unknown as { id?: string; ID?: string };
  return created.id ?? created.ID ?? "";
}

/** Replaces the service's spec (at `version`, as Swarm's optimistic concurrency asks). */
export async function updateService(
  docker: DockerClient,
  id: string,
  version: number,
  spec: ServiceSpec,
): Promise<void> {
  // docker-modem sends `_query` as the query string and `_body` as the JSON body
  await docker.getService(id).update({ _query: { version }, _body: spec });
}

/** Swarm's own rollback to the service's previous spec (`docker service rollback`). */
export async function rollbackService(
  docker: DockerClient,
  id: string,
  version: number,
  spec: ServiceSpec,
): Promise<void> {
  await docker.getService(id).update({ _query: { version, rollback: "previous" }, _body: spec });
}

/** Removes the service; a service already gone is fine. */
export async function removeService(docker: DockerClient, id: string): Promise<void> {
  try {
    await docker.getService(id).remove();
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/** The service's tasks (all of them, history included, unless `desiredState` narrows them). */
export async function listServiceTasks(
  docker: DockerClient,
  service: string,
  desiredState?: string,
): Promise<TaskInfo[]> {
  const filters: Record<string, string[]> = { service: [service] };
  if (desiredState !== undefined) filters["desired-state"] = [desiredState];
  return (await docker.listTasks({ filters })) as TaskInfo[];
}

/** The container a task runs (on whichever node), or "" before it has one. */
export function taskContainerId(task: TaskInfo): string {
  return task.Status?.ContainerStatus?.ContainerID ?? "";
}
