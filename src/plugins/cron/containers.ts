import type { Context } from "../../core/context";
import { CRON_CONTAINER_TYPE, CRON_LABELS } from "../../builders/cron-container";
import { containerName, LABELS } from "../../builders/container-spec";
import type { DockerClient } from "../../executors/docker/client";
import {
  findContainers,
  type ListedContainer,
  removeContainer,
  stopContainer,
} from "../../executors/docker/containers";

/** The app's cron task containers (running or not), optionally of one task, found by their labels. */
export async function cronContainers(docker: DockerClient, app: string, id?: string): Promise<ListedContainer[]> {
  const labels = [`${LABELS.app}=${app}`, `${LABELS.containerType}=${CRON_CONTAINER_TYPE}`];
  if (id !== undefined) labels.push(`${CRON_LABELS.cronId}=${id}`);
  return findContainers(docker, { labels, all: true });
}

/** concurrency_policy replace: the task's running containers are stopped and removed, as Dokku kills them. */
export async function replaceRunning(docker: DockerClient, running: readonly ListedContainer[]): Promise<void> {
  for (const info of running) {
    await stopContainer(docker, info.Id, 0);
    await removeContainer(docker, info.Id);
  }
}

/**
 * Finished runs are kept so `logs` can show what they printed: the last one of each task.
 * Before a new run, the task's earlier finished runs go, and so do finished runs of tasks
 * the app no longer has.
 */
export async function pruneFinished(
  docker: DockerClient,
  app: string,
  id: string,
  currentIds: ReadonlySet<string>,
): Promise<void> {
  for (const info of await cronContainers(docker, app)) {
    if (info.State === "running" || info.State === "created") continue;
    const taskId = info.Labels?.[CRON_LABELS.cronId] ?? "";
    if (taskId === id || !currentIds.has(taskId)) await removeContainer(docker, info.Id);
  }
}

/** A cron container as `logs` shows it: `app[cron.<n>]`. */
export interface CronLogSource {
  readonly id: string;
  readonly dyno: string;
}

/** The app's cron containers for `logs`, oldest first. */
export async function cronLogSources(ctx: Context, app: string): Promise<CronLogSource[]> {
  const infos = await cronContainers(await ctx.docker(), app);
  return infos
    .sort((a, b) => a.Created - b.Created)
    .map((info) => {
      const name = containerName(info);
      return { id: info.Id, dyno: name.startsWith(`${app}.`) ? name.slice(app.length + 1) : name };
    });
}
