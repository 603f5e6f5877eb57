import type { ContainerInfo } from "../../executors/docker/client";
import type { Context } from "../../core/context";
import { containerName, isTransientName, LABELS } from "../../builders/container-spec";
import { byDyno } from "../../builders/process-order";
import { listAppContainers } from "../../executors/docker/containers";
import type { ContainerStatus } from "../scheduler/scheduler";

/** The app's long-running containers, web first then by type and index; leftovers of an unfinished deploy and old containers waiting to retire are left out. */
export async function appContainers(ctx: Context, app: string): Promise<ContainerStatus[]> {
  const docker = await ctx.docker();
  const infos = await listAppContainers(docker, app, "deploy");
  return infos
    .map(toStatus)
    .filter((status) => !isTransientName(status.name))
    .sort(byDyno);
}

export function toStatus(info: ContainerInfo): ContainerStatus {
  const labels = info.Labels ?? {};
  const dyno = labels[LABELS.dyno] ?? "";
  const release = Number(labels[LABELS.releaseId]);
  return {
    proc: labels[LABELS.processType] ?? dyno.split(".")[0] ?? "",
    index: Number(dyno.split(".")[1] ?? 0),
    id: info.Id,
    name: containerName(info),
    state: info.State,
    releaseId: Number.isInteger(release) && release > 0 ? release : undefined,
  };
}
