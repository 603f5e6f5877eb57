import type { ContainerInfo, DockerClient } from "../../executors/docker/client";
import { containerName, isRetiringName, LABELS } from "../../builders/container-spec";
import type { Context } from "../../core/context";
import { quietly } from "../../core/with-output";
import { listAppContainers, removeContainer, startContainer } from "../../executors/docker/containers";
import { waitToRetire } from "../checks/properties";
import { shouldRestore } from "../ps/properties";
import { currentReleaseId } from "../release/release-store";
import { isCommitted, removeJournal, type DeployJournal } from "./deploy-journal";
import { queueRetirement } from "../scheduler/shared/retire-queue";
import { renameToDyno } from "./rename";
import { switchProxy } from "./switch";

export type Settled = "rolled-back" | "rolled-forward";

export interface SettleOptions {
  /**
   * Whether the proxy may route to other containers than the ones that serve once settled (a
   * switch was begun and is not known to be undone): then it is switched to those again.
   */
  readonly repoint: boolean;
  /** Say what is undone (recovery after a crash); a deploy's own failure has said why already. */
  readonly announce?: boolean;
  /** Re-point without the proxy's lines (the deploy's own end: its switch said them already). */
  readonly quietRepoint?: boolean;
}

/**
 * Finishes or undoes the app's unfinished deploy so that its containers, its proxy and the
 * release pointer agree, whichever step it stopped at: a crash, a failure, or its own end.
 * Committed (see isCommitted): the old containers are queued to retire and the new ones (found
 * by their deploy-id label) take `<app>.<proc>.<n>`. Not committed: old containers the deploy
 * stopped run again and the new ones go. With `repoint`, the proxy then routes to the
 * containers that serve (before any new container is removed). The journal goes last, so a
 * crash inside this leaves it to the next run, which does what is left. The caller holds the
 * app's deploy lock.
 */
export async function settleDeploy(
  ctx: Context,
  docker: DockerClient,
  app: string,
  journal: DeployJournal,
  options: SettleOptions,
): Promise<Settled> {
  const containers = await listAppContainers(docker, app, "deploy");
  const created = containers.filter((info) => info.Labels[LABELS.deployId] === journal.deployId);
  const old = containers.filter((info) => journal.old.includes(info.Id));
  if (isCommitted(journal, currentReleaseId(ctx, app))) {
    const unqueued = old.filter((info) => !isRetiringName(containerName(info)));
    if (unqueued.length > 0) {
      const wait = waitToRetire(ctx, app);
      ctx.out.step(`Shutting down old containers in ${wait} seconds`);
      await queueRetirement(ctx, docker, app, unqueued, wait);
    }
    await renameToDyno(ctx, docker, app, created);
    if (options.repoint) await repoint(options.quietRepoint ? quietly(ctx) : ctx, docker, app, journal, created);
    removeJournal(ctx, app);
    return "rolled-forward";
  }
  const stopped = old.filter((info) => journal.stopped.includes(info.Id) && info.State !== "running");
  const restart = stopped.length > 0 && shouldRestore(ctx, app);
  if (restart) {
    if (options.announce) ctx.out.detail("Starting the old containers the unfinished deploy stopped");
    for (const info of stopped) await startContainer(docker, info.Id);
  }
  // a container started again may have another address: the proxy follows it
  if (options.repoint || restart)
    await repoint(
      ctx,
      docker,
      app,
      journal,
      old.filter((info) => !isRetiringName(containerName(info))),
    );
  if (created.length > 0 && options.announce)
    ctx.out.detail(
      `Removing the ${created.length} new container${created.length === 1 ? "" : "s"} of the unfinished deploy`,
    );
  await Promise.all(created.map((info) => removeContainer(docker, info.Id)));
  removeJournal(ctx, app);
  return "rolled-back";
}

/** Routes the proxied types the deploy touched to exactly these containers (those of them that run). */
async function repoint(
  ctx: Context,
  docker: DockerClient,
  app: string,
  journal: DeployJournal,
  serving: readonly ContainerInfo[],
): Promise<void> {
  const targets = serving.map((info) => ({ id: info.Id, processType: info.Labels[LABELS.processType] ?? "" }));
  await switchProxy(ctx, docker, app, targets, { skipStopped: true, types: journal.types });
}
