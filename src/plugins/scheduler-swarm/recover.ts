import { LABELS } from "../../builders/container-spec";
import type { Context } from "../../core/context";
import { listAppServices } from "../../executors/docker/services";
import { formationFor } from "../ps/formation";
import { formatVersion } from "../release/describe";
import { currentRelease } from "../release/release-store";
import type { Formation, Release } from "../deploy/contracts";
import { selectedSchedulerName } from "../scheduler/selected";
import { leaveSwarmApp } from "./manage";
import { isManager } from "./manager";

/**
 * Swarm's recovery: a deploy stopped before its commit point leaves services updated to a
 * release the pointer does not name (Swarm finishes the update on its own). They go back to
 * the current release (a deploy of it), or away when the app has none (its first deploy).
 * Only for apps the swarm scheduler runs, on a manager; the caller holds the deploy lock.
 * `deploy` is the scheduler's own deploy.
 */
export async function recoverSwarmDeploy(
  ctx: Context,
  app: string,
  deploy: (release: Release, formation: Formation) => Promise<void>,
): Promise<void> {
  if (selectedSchedulerName(ctx, app) !== "swarm") return;
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return;
  const current = currentRelease(ctx, app);
  const strays = (await listAppServices(docker, app)).filter(
    (service) => service.Spec.Labels?.[LABELS.releaseId] !== (current ? String(current.id) : undefined),
  );
  if (strays.length === 0) return;
  const names = strays.map((service) => service.Spec.Name ?? service.ID).join(", ");
  if (!current) {
    ctx.out.step(`Removing ${names}: ${app}'s first deploy was interrupted`);
    return leaveSwarmApp(ctx, app);
  }
  ctx.out.step(`Settling an unfinished deploy of ${app}: ${names} go back to ${formatVersion(current.id)}`);
  await deploy(current, formationFor(ctx, app, current));
}
