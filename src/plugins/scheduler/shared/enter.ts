import type { Context } from "../../../core/context";
import { fail } from "../../../core/errors";
import { processSink } from "../../../core/output";
import { execInContainer, inspectOrUndefined } from "../../../executors/docker/containers";
import type { ContainerStatus, EnterTarget } from "../scheduler";
import { schedulerShell } from "./properties";

/**
 * `enter <app> [<type>|<type>.<n>|--container-id ID] [cmd...]`: runs the command (or the shell)
 * in one of the containers the scheduler lists (its `status`).
 */
export async function enterContainer(
  ctx: Context,
  app: string,
  target: EnterTarget,
  list: (ctx: Context, app: string) => Promise<ContainerStatus[]>,
): Promise<number> {
  const containers = await list(ctx, app);
  const container = pickContainer(ctx, app, containers, target);
  if (container.state !== "running") fail("Container is not running");
  const docker = await ctx.docker();
  if (!(await inspectOrUndefined(docker, container.id)))
    fail(
      `${container.proc}.${container.index} does not run on this host (a swarm task on another node): enter it there`,
    );
  const command = target.command.length > 0 ? target.command : [schedulerShell(ctx, app)];
  return execInContainer(docker, container.id, command, target.tty, {
    stdout: (text) => ctx.out.raw(text),
    stderr: (text) => processSink.stderr(text),
  });
}

/** The container `target` names, with Dokku's messages when it names none or several. */
function pickContainer(
  ctx: Context,
  app: string,
  containers: readonly ContainerStatus[],
  target: EnterTarget,
): ContainerStatus {
  const runningTypes = [...new Set(containers.filter((c) => c.state === "running").map((c) => c.proc))];
  if (target.containerId !== undefined) {
    const found = containers.find((c) => c.id.startsWith(target.containerId as string));
    if (!found || target.containerId === "") {
      ctx.out.warn(`Invalid container id for app: ${target.containerId}`);
      fail(`Available ids for app (${app}): ${containers.map((c) => c.id.slice(0, 12)).join(" ")}`);
    }
    return found;
  }
  let wanted = target.processOrDyno;
  if (wanted === undefined) {
    if (runningTypes.length > 1) {
      ctx.out.warn("No container type specified.");
      fail(`Available types for app (${app}): ${runningTypes.join(" ")}`);
    }
    wanted = runningTypes[0];
    if (wanted === undefined) fail("No containers found for app");
  }
  const found = containers.find((c) => (wanted.includes(".") ? `${c.proc}.${c.index}` === wanted : c.proc === wanted));
  if (!found) {
    ctx.out.warn(`No containers found for type '${wanted}'`);
    fail(`Available types for app (${app}): ${runningTypes.join(" ")}`);
  }
  return found;
}
