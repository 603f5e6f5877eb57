import { rmSync } from "node:fs";
import type { ContainerInfo } from "dockerode";
import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { DEFAULT_WEB_PORT, planContainers, type PlannedContainer } from "../../builders/container-plan";
import { applyFragments, type ContainerFragment } from "../../builders/container-fragment";
import { deployContainerName, deployContainerSpec, LABELS, upcomingContainerName } from "../../builders/container-spec";
import type { DockerClient } from "../../executors/docker/client";
import { createAndStart, listAppContainers, removeContainer, renameContainer, statusOf, stopContainer } from "../../executors/docker/containers";
import { containerLogTail } from "../../executors/docker/logs";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { readMergedEnv } from "../config/env-store";
import type { Formation, Release } from "../deploy/contracts";
import { leaveOtherSchedulers } from "../scheduler/leave-others";
import { checksDisabled, checksSkipped, waitToRetire } from "../checks/properties";
import { runChecks, type CheckTarget } from "../checks/run-checks";
import { dockerfileStartCmd, restartPolicy, stopTimeoutSeconds } from "../ps/properties";
import { collectContainerExtras } from "./docker-args";
import { afterChecks, beforeStart, containerFragments } from "./container-fragments";
import { queueRetirement, retireDue, RETIRING_MARK } from "./retire-queue";
import { failedLogsPath, initProcess } from "./settings";
import { switchProxy } from "./switch";

interface Started {
  readonly planned: PlannedContainer;
  readonly id: string;
  readonly dyno: string;
}

/** How many log lines of a failed container the error carries. */
const FAILED_LOG_LINES = 20;

/**
 * Starts the release's containers at `formation` (all types, or only `only`) under temporary
 * `<app>.<dyno>.upcoming-<release>-<random>` names; once every one of them has passed its
 * checks (app.json healthchecks, the CHECKS file, else the default uptime check), the app's
 * older containers (of those types) are queued to retire after `wait-to-retire` seconds,
 * renamed away to `<name>.retiring-<time>-<short id>`, and the new ones take `<app>.<proc>.<n>`; due
 * retirements run before returning. Labels, not names, say what belongs to the app.
 * If any new container fails, the new ones are removed, the old ones keep running, and this
 * throws naming the failed check, with the container's last log lines.
 * With checks disabled for a type (checks:disable), its old containers stop first, and its new
 * ones are not checked; with checks skipped (checks:skip), they are not checked.
 */
export async function deployContainers(ctx: Context, app: string, release: Release, formation: Formation, only?: string): Promise<void> {
  const docker = await ctx.docker();
  rmSync(failedLogsPath(ctx, app), { force: true });
  const old = (await listAppContainers(docker, app, "deploy")).filter((info) => only === undefined || info.Labels[LABELS.processType] === only);
  const env = readMergedEnv(ctx, { kind: "app", app });
  const plan = planContainers({ processes: release.processes, formation, only, startCmd: dockerfileStartCmd(ctx, app), env });
  for (const type of plan.skipped) ctx.out.warn(`Skipping ${type} as it is missing from the current Procfile`);
  const extras = await collectContainerExtras(ctx, app, release, Object.keys(plan.counts));
  const fragments = new Map<string, ContainerFragment[]>();
  for (const type of Object.keys(plan.counts)) fragments.set(type, await containerFragments(ctx, app, type, "deploy"));
  const suffix = `${release.id}-${Math.random().toString(36).slice(2, 8)}`;
  const started: Started[] = [];
  try {
    for (const [type, count] of Object.entries(plan.counts)) {
      ctx.out.step(`Deploying ${type} (count=${count})`);
      const disabled = checksDisabled(ctx, app, type);
      if (disabled) await stopBeforeStart(ctx, docker, app, type, old);
      const batch = plan.containers.filter((container) => container.processType === type);
      // a process type's containers start together; every one that did start is tracked, so a
      // failure of one removes the others too
      const outcomes = await Promise.allSettled(
        batch.map((planned) =>
          createAndStart(
            docker,
            applyFragments(deployContainerSpec({
              app,
              processType: planned.processType,
              index: planned.index,
              releaseId: release.id,
              image: release.image,
              name: upcomingContainerName(app, planned.processType, planned.index, suffix),
              env,
              port: planned.port,
              command: planned.command,
              restartPolicy: restartPolicy(ctx, app),
              init: initProcess(ctx, app),
              extras: extras.get(type),
            }), fragments.get(type) ?? []),
            beforeStart(ctx, app, type),
          ),
        ),
      );
      outcomes.forEach((outcome, at) => {
        const planned = batch[at] as PlannedContainer;
        if (outcome.status === "fulfilled") started.push({ planned, id: outcome.value, dyno: `${planned.processType}.${planned.index}` });
      });
      const failure = outcomes.find((outcome) => outcome.status === "rejected");
      if (failure) throw failure.reason;
      if (!disabled) for (const planned of batch) ctx.out.detail(`Attempting pre-flight checks (${planned.processType}.${planned.index})`);
    }
    await checkStarted(ctx, docker, app, release, started);
    for (const container of started) await afterChecks(ctx, app, container.planned.processType, container.id);
    await switchProxy(ctx, docker, app, started); // the proxy routes to the checked containers before the old ones retire
  } catch (error) {
    await Promise.all(started.map((container) => removeContainer(docker, container.id)));
    throw error;
  }
  await scheduleRetirement(ctx, docker, app, old);
  await renameStarted(ctx, docker, app, started);
  await retireDue(ctx, { app, lock: "wait" });
  await leaveOtherSchedulers(ctx, app, "docker-local");
}

/** checks:disable: the type's running containers stop before the new ones start (Dokku: downtime); they retire with the others. */
async function stopBeforeStart(ctx: Context, docker: DockerClient, app: string, type: string, old: readonly ContainerInfo[]): Promise<void> {
  const running = old.filter((info) => info.Labels[LABELS.processType] === type && info.State === "running" && !nameOf(info).includes(RETIRING_MARK));
  ctx.out.detail(`Zero downtime is disabled, stopping currently running containers (${type})`);
  const timeout = stopTimeoutSeconds(ctx, app);
  await Promise.all(
    running.map(async (info) => {
      ctx.out.detail(`Stopping ${info.Id.slice(0, 12)} (${type})`);
      await stopContainer(docker, info.Id, timeout);
    }),
  );
}

/** The old containers wait `wait-to-retire` seconds (checks:set), queued so that `ps:retire` retires them even after this process ends. */
async function scheduleRetirement(ctx: Context, docker: DockerClient, app: string, old: readonly ContainerInfo[]): Promise<void> {
  if (old.length === 0) return;
  const wait = waitToRetire(ctx, app);
  ctx.out.step(`Shutting down old containers in ${wait} seconds`);
  await queueRetirement(ctx, docker, app, old, wait);
}

function nameOf(info: ContainerInfo): string {
  return (info.Names?.[0] ?? "").replace(/^\//, "");
}

/**
 * Runs the startup checks of the new containers (but of types with checks disabled or skipped);
 * any failure saves the failed containers' output for logs:failed and throws naming the first
 * failed check, with its container's last log lines.
 */
async function checkStarted(ctx: Context, docker: DockerClient, app: string, release: Release, started: readonly Started[]): Promise<void> {
  const targets: CheckTarget[] = [];
  for (const container of started) {
    const type = container.planned.processType;
    if (checksDisabled(ctx, app, type)) continue;
    if (checksSkipped(ctx, app, type)) {
      ctx.out.heading(`Zero downtime checks have been skipped (${container.dyno})`);
      continue;
    }
    targets.push({ id: container.id, processType: type, dyno: container.dyno, port: Number(container.planned.port ?? DEFAULT_WEB_PORT) });
  }
  const failed = await runChecks(ctx, app, release, targets);
  if (failed.length === 0) return;
  const saved: string[] = [];
  let first: string[] = [];
  for (const { target, reason } of failed) {
    const lines = await containerLogTail(docker, target.id, 1000).catch(() => [] as string[]);
    saved.push(`=====> ${app} ${target.dyno} (${target.id.slice(0, 12)}): ${reason}`, ...lines);
    if (first.length === 0) first = [`Could not start ${target.dyno}: ${reason}`, ...lastLines(lines, target.dyno)];
  }
  atomicWriteFileSync(failedLogsPath(ctx, app), `${saved.join("\n")}\n`, { mode: 0o600, owner: ctx.owner });
  throw new DokkuError(first.join("\n"), { code: "deploy-failed" });
}

function lastLines(lines: readonly string[], dyno: string): string[] {
  if (lines.length === 0) return [`(${dyno} printed nothing)`];
  return [`Last output of ${dyno}:`, ...lines.slice(-FAILED_LOG_LINES)];
}

/** Stops (stop timeout, restart policy off) and removes containers at once (leftovers of unfinished deploys). */
export async function retireContainers(ctx: Context, docker: DockerClient, app: string, containers: readonly ContainerInfo[]): Promise<void> {
  if (containers.length === 0) return;
  const timeout = stopTimeoutSeconds(ctx, app);
  ctx.out.step("Shutting down old containers");
  await Promise.all(
    containers.map(async (info) => {
      await stopContainer(docker, info.Id, timeout);
      await removeContainer(docker, info.Id);
    }),
  );
}

/** `<app>.<proc>.<n>` for each new container; a stray container holding the name is renamed away first, as Dokku does. */
async function renameStarted(ctx: Context, docker: DockerClient, app: string, started: readonly Started[]): Promise<void> {
  for (const container of started) {
    const name = deployContainerName(app, container.planned.processType, container.planned.index);
    try {
      await renameContainer(docker, container.id, name);
    } catch (error) {
      if (statusOf(error) !== 409) {
        ctx.out.warn(`Failed to rename container ${container.id.slice(0, 12)} to ${name}`);
        continue;
      }
      await renameContainer(docker, name, `${name}.${Math.floor(ctx.now().getTime() / 1000)}`).catch(() => undefined);
      await renameContainer(docker, container.id, name).catch(() => ctx.out.warn(`Failed to rename container ${container.id.slice(0, 12)} to ${name}`));
    }
  }
}
