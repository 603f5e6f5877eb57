import type { ContainerInfo, DockerClient } from "../../executors/docker/client";
import { containerName, deployContainerName, LABELS } from "../../builders/container-spec";
import type { Context } from "../../core/context";
import { renameContainer, statusOf } from "../../executors/docker/containers";

/**
 * Gives each container the name of its dyno label, `<app>.<proc>.<n>` (a container already so
 * named is left alone); a stray container holding the name is renamed away first, as Dokku does.
 * A failed rename is a warning: labels, not names, say what belongs to the app. Idempotent.
 */
export async function renameToDyno(
  ctx: Context,
  docker: DockerClient,
  app: string,
  containers: readonly ContainerInfo[],
): Promise<void> {
  for (const info of containers) {
    const dyno = info.Labels[LABELS.dyno] ?? "";
    const [processType = "", index = ""] = dyno.split(".");
    if (processType === "" || !/^\d+$/.test(index)) continue;
    const name = deployContainerName(app, processType, Number(index));
    if (containerName(info) === name) continue;
    try {
      await renameContainer(docker, info.Id, name);
    } catch (error) {
      if (statusOf(error) !== 409) {
        ctx.out.warn(`Failed to rename container ${info.Id.slice(0, 12)} to ${name}`);
        continue;
      }
      await renameContainer(docker, name, `${name}.${Math.floor(ctx.now().getTime() / 1000)}`).catch(() => undefined);
      await renameContainer(docker, info.Id, name).catch(() =>
        ctx.out.warn(`Failed to rename container ${info.Id.slice(0, 12)} to ${name}`),
      );
    }
  }
}
