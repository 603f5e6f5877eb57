import { rmSync } from "node:fs";
import type { ContainerInfo } from "dockerode";
import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { planContainers, type PlannedContainer } from "../../builders/container-plan";
import { deployContainerName, deployContainerSpec, LABELS, upcomingContainerName } from "../../builders/container-spec";
import type { DockerClient } from "../../executors/docker/client";
import {
  createAndStart,
  listAppContainers,
  removeContainer,
  renameContainer,
  statusOf,
  stopContainer,
  waitSettled,
  type SettleOutcome,
} from "../../executors/docker/containers";
import { containerLogTail } from "../../executors/docker/logs";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { readMergedEnv } from "../config/env-store";
import type { Formation, Release } from "../deploy/contracts";
import { dockerfileStartCmd, restartPolicy, stopTimeoutSeconds } from "../ps/properties";
import { failedLogsPath, initProcess, settleMilliseconds } from "./settings";

interface Started {
  readonly planned: PlannedContainer;
  readonly id: string;
  readonly dyno: string;
}

/** How many log lines of a failed container the error carries. */
const FAILED_LOG_LINES = 20;

/**
 * Starts the release's containers at `formation` (all types, or only `only`) under temporary
 * `<app>.<dyno>.upcoming-<release>-<random>` names; once every one of them has stayed up for
 * the settle time, stops and removes the app's older containers (of those types) and renames
 * the new ones to `<app>.<proc>.<n>`. Labels, not names, say what belongs to the app.
 * If any new container fails, the new ones are removed, the old ones keep running, and this
 * throws with the failed container's last log lines.
 */
export async function deployContainers(ctx: Context, app: string, release: Release, formation: Formation, only?: string): Promise<void> {
  const docker = await ctx.docker();
  rmSync(failedLogsPath(ctx, app), { force: true });
  const old = (await listAppContainers(docker, app, "deploy")).filter((info) => only === undefined || info.Labels[LABELS.processType] === only);
  const env = readMergedEnv(ctx, { kind: "app", app });
  const plan = planContainers({ processes: release.processes, formation, only, startCmd: dockerfileStartCmd(ctx, app), env });
  for (const type of plan.skipped) ctx.out.warn(`Skipping ${type} as it is missing from the current Procfile`);
  const suffix = `${release.id}-${Math.random().toString(36).slice(2, 8)}`;
  const started: Started[] = [];
  try {
    for (const [type, count] of Object.entries(plan.counts)) {
      ctx.out.step(`Deploying ${type} (count=${count})`);
      const batch = plan.containers.filter((container) => container.processType === type);
      // a process type's containers start together; every one that did start is tracked, so a
      // failure of one removes the others too
      const outcomes = await Promise.allSettled(
        batch.map((planned) =>
          createAndStart(
            docker,
            deployContainerSpec({
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
            }),
          ),
        ),
      );
      outcomes.forEach((outcome, at) => {
        const planned = batch[at] as PlannedContainer;
        if (outcome.status === "fulfilled") started.push({ planned, id: outcome.value, dyno: `${planned.processType}.${planned.index}` });
      });
      const failure = outcomes.find((outcome) => outcome.status === "rejected");
      if (failure) throw failure.reason;
      for (const planned of batch) ctx.out.detail(`Attempting pre-flight checks (${planned.processType}.${planned.index})`);
    }
    await checkStarted(ctx, docker, app, started);
  } catch (error) {
    await Promise.all(started.map((container) => removeContainer(docker, container.id)));
    throw error;
  }
  await retireContainers(ctx, docker, app, old);
  await renameStarted(ctx, docker, app, started);
}

async function checkStarted(ctx: Context, docker: DockerClient, app: string, started: readonly Started[]): Promise<void> {
  const settleMs = settleMilliseconds(ctx);
  if (started.length > 0) ctx.out.detail(`Waiting for ${settleMs / 1000} seconds ...`);
  const outcomes: SettleOutcome[] = await Promise.all(started.map((container) => waitSettled(docker, container.id, settleMs)));
  const failed = started.flatMap((container, at) => {
    const outcome = outcomes[at] as SettleOutcome;
    return outcome.ok ? [] : [{ container, reason: outcome.reason }];
  });
  for (const container of started.filter((_, at) => (outcomes[at] as SettleOutcome).ok)) {
    ctx.out.detail(`All checks successful (${container.dyno})`);
  }
  if (failed.length === 0) return;
  const saved: string[] = [];
  let first: string[] = [];
  for (const { container, reason } of failed) {
    const lines = await containerLogTail(docker, container.id, 1000).catch(() => [] as string[]);
    saved.push(`=====> ${app} ${container.dyno} (${container.id.slice(0, 12)}): ${reason}`, ...lines);
    if (first.length === 0) first = [`Could not start ${container.dyno}: ${reason}`, ...lastLines(lines, container.dyno)];
    ctx.out.warn(`Could not start due to 1 failed checks (${container.dyno})`);
  }
  atomicWriteFileSync(failedLogsPath(ctx, app), `${saved.join("\n")}\n`, { mode: 0o600, owner: ctx.owner });
  throw new DokkuError(first.join("\n"), { code: "deploy-failed" });
}

function lastLines(lines: readonly string[], dyno: string): string[] {
  if (lines.length === 0) return [`(${dyno} printed nothing)`];
  return [`Last output of ${dyno}:`, ...lines.slice(-FAILED_LOG_LINES)];
}

/** Stops (stop timeout, restart policy off) and removes containers. */
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
