import { LABELS } from "../../builders/container-spec";
import { byDyno } from "../../builders/process-order";
import { sanitiseEnv } from "../../builders/sanitise-env";
import { SWARM_CONTAINER_TYPE } from "../../builders/swarm-service-spec";
import type { Context } from "../../core/context";
import type { DockerClient } from "../../executors/docker/client";
import { removeContainer } from "../../executors/docker/containers";
import {
  inspectService,
  listAppServices,
  listServiceTasks,
  removeService,
  taskContainerId,
  updateService,
  type ServiceInfo,
  type TaskInfo,
} from "../../executors/docker/services";
import { stopTimeoutSeconds } from "../ps/properties";
import { destroyAppContainers } from "../scheduler/shared/destroy";
import type { ContainerStatus, RunningState } from "../scheduler/scheduler";
import { removeAppNetwork } from "./app-network";
import { isManager } from "./manager";
import { appRouters, currentRouter, retireRouters } from "./router";
import { listLabelledContainers } from "../../executors/docker/container-effects";

const POLL_MS = 250;

/** The tasks Swarm wants running for each of the app's services, as containers: `<proc>.<slot>`, web first. */
export async function swarmStatus(ctx: Context, app: string): Promise<ContainerStatus[]> {
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return [];
  const statuses: ContainerStatus[] = [];
  for (const service of await listAppServices(docker, app)) {
    const proc = service.Spec.Labels?.[LABELS.processType] ?? "";
    for (const task of await listServiceTasks(docker, service.ID, "running"))
      statuses.push(taskStatus(service, proc, task));
  }
  return statuses.sort(byDyno);
}

function taskStatus(service: ServiceInfo, proc: string, task: TaskInfo): ContainerStatus {
  const release = Number(task.Spec?.ContainerSpec?.Labels?.[LABELS.releaseId]);
  return {
    proc,
    index: task.Slot ?? 0,
    id: taskContainerId(task) || (task.ID ?? ""),
    name: `${service.Spec.Name}.${task.Slot ?? 0}.${task.ID ?? ""}`,
    state: task.Status?.State ?? "",
    releaseId: Number.isInteger(release) && release > 0 ? release : undefined,
  };
}

/** ps:stop: every service scaled to 0 (its spec kept for ps:start), waiting until its tasks stopped. */
export async function stopSwarmApp(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return;
  const services = await listAppServices(docker, app);
  for (const service of services) {
    const replicas = service.Spec.Mode?.Replicated?.Replicas;
    if (replicas === 0) continue;
    await updateService(docker, service.ID, service.Version.Index, {
      ...service.Spec,
      Mode: { Replicated: { Replicas: 0 } },
    });
  }
  const deadline = Date.now() + (stopTimeoutSeconds(ctx, app) + 30) * 1000;
  for (const service of services) {
    while (Date.now() < deadline) {
      const live = (await listServiceTasks(docker, service.ID)).filter((task) =>
        ["running", "starting", "preparing", "assigned", "accepted", "pending", "new"].includes(
          task.Status?.State ?? "",
        ),
      );
      if (live.length === 0) break;
      await Bun.sleep(POLL_MS);
    }
  }
}

/** Whether every service runs its replicas, web behind its router (ps:start's "already running"). */
export async function swarmRunning(
  ctx: Context,
  app: string,
  formation: Readonly<Record<string, number>>,
): Promise<RunningState> {
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return "false";
  const services = await listAppServices(docker, app);
  let running = 0;
  for (const [proc, count] of Object.entries(formation)) {
    const service = services.find((info) => info.Spec.Labels?.[LABELS.processType] === proc);
    if (!service || count <= 0) continue;
    running += (await listServiceTasks(docker, service.ID, "running")).filter(
      (task) => task.Status?.State === "running",
    ).length;
  }
  return swarmRunningState(running, formation, (await currentRouter(docker, app)) !== undefined);
}

/**
 * `true` when `running` covers every task of the formation and web, if it runs, has its router;
 * `false` when no task runs; else `mixed`. Pure.
 */
export function swarmRunningState(
  running: number,
  formation: Readonly<Record<string, number>>,
  hasRouter: boolean,
): RunningState {
  if (running === 0) return "false";
  const wanted = Object.values(formation).reduce((sum, count) => sum + Math.max(0, count), 0);
  const routed = (formation.web ?? 0) <= 0 || hasRouter;
  return running >= wanted && routed ? "true" : "mixed";
}

/** Another scheduler serves the app now: its services, routers and own network go; images and one-off containers stay. */
export async function leaveSwarmApp(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  const manager = await isManager(docker);
  const services = manager ? await listAppServices(docker, app) : [];
  if (services.length === 0 && (await appRouters(docker, app)).length === 0) return;
  ctx.out.step("Removing the app's swarm services");
  await removeServicesAndRouters(docker, app, services);
  if (manager) await removeAppNetwork(docker, app);
}

/** apps:destroy: the services (waiting for their containers), the routers, then every container left with the app's label (one-off runs) and its images unless kept, then the app's own network. */
export async function destroySwarmApp(
  ctx: Context,
  app: string,
  options: { readonly keepImages?: boolean } = {},
): Promise<void> {
  const docker = await ctx.docker();
  const manager = await isManager(docker);
  await removeServicesAndRouters(docker, app, manager ? await listAppServices(docker, app) : []);
  await destroyAppContainers(ctx, app, options);
  if (manager) await removeAppNetwork(docker, app);
}

/** Removes the services, waits until Swarm removed their containers, then removes every router of the app. */
async function removeServicesAndRouters(
  docker: DockerClient,
  app: string,
  services: readonly ServiceInfo[],
): Promise<void> {
  for (const service of services) await removeService(docker, service.ID);
  await waitServiceContainersGone(
    docker,
    services.map((service) => service.Spec.Name ?? ""),
  );
  await retireRouters(docker, app);
}

async function waitServiceContainersGone(docker: DockerClient, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const name of names) {
    while (Date.now() < deadline) {
      const left = await listLabelledContainers(docker, [`com.docker.swarm.service.name=${name}`]);
      if (left.length === 0) break;
      await Bun.sleep(POLL_MS);
    }
  }
}

/** ps:inspect: each service's inspect with config values hidden. */
export async function inspectSwarmApp(ctx: Context, app: string): Promise<unknown[]> {
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return [];
  const all: unknown[] = [];
  for (const listed of await listAppServices(docker, app)) {
    const service = await inspectService(docker, listed.ID);
    if (!service) continue;
    const template = service.Spec.TaskTemplate as { ContainerSpec?: { Env?: string[] } } | undefined;
    const container = template?.ContainerSpec;
    all.push({
      ...service,
      Spec: {
        ...service.Spec,
        TaskTemplate: { ...template, ContainerSpec: { ...container, Env: (container?.Env ?? []).map(sanitiseEnv) } },
      },
      PreviousSpec: undefined,
    });
  }
  return all;
}

/**
 * ps:retire: routers but the newest running one, and the stopped containers of tasks Swarm
 * no longer runs (its task history: a failed deploy's output is kept for logs:failed apart).
 */
export async function retireSwarmLeftovers(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  const router = await currentRouter(docker, app);
  if (router) await retireRouters(docker, app, router.id);
  const finished = await listLabelledContainers(
    docker,
    [`${LABELS.app}=${app}`, `${LABELS.containerType}=${SWARM_CONTAINER_TYPE}`],
    ["exited", "dead", "created"],
  );
  await Promise.all(finished.map((info) => removeContainer(docker, info.Id)));
}
