import type { ContainerInfo, DockerClient } from "../../executors/docker/client";
import type { Context } from "../../core/context";

import { DEFAULT_WEB_PORT, planContainers, type PlannedContainer } from "../../builders/container-plan";
import { applyFragments, type ContainerFragment } from "../../builders/container-fragment";
import {
  containerName,
  deployContainerSpec,
  LABELS,
  isRetiringName,
  upcomingContainerName,
} from "../../builders/container-spec";
import { failpoint } from "../../core/failpoint";
import { createAndStart, listAppContainers, removeContainer, stopContainer } from "../../executors/docker/containers";
import { containerLogTail } from "../../executors/docker/logs";
import { readMergedEnv } from "../config/env-store";
import { runCommitHook } from "../deploy/commit-point";
import type { DeployHooks, Formation, Release } from "../deploy/contracts";
import { currentReleaseId } from "../release/release-store";
import { checksDisabled, checksSkipped } from "../checks/properties";
import { runChecks, type CheckTarget } from "../checks/run-checks";
import { dockerfileStartCmd, restartPolicy, stopTimeoutSeconds } from "../ps/properties";
import { collectContainerExtras } from "../scheduler/shared/docker-args";
import { afterChecks, beforeStart, containerFragments } from "../scheduler/shared/container-fragments";
import { writeJournal, type DeployJournal } from "./deploy-journal";
import { retireDue } from "../scheduler/shared/retire-queue";
import { clearFailedLogs, failDeploy, type FailedContainer } from "../scheduler/shared/failed-logs";
import { initProcess, parallelScheduleCount } from "../scheduler/shared/properties";
import { settleDeploy, type Settled } from "./settle-deploy";
import { settleAtMost } from "./settle-at-most";
import { switchProxy } from "./switch";
import { logSizeOf } from "../properties-only/log-size";

interface Started {
  readonly planned: PlannedContainer;
  readonly id: string;
  readonly dyno: string;
}

/**
 * Starts the release's containers at `formation` (all types, or only `only`) under temporary
 * `<app>.<dyno>.upcoming-<deployId>` names, crash-safe at every step through the app's deploy
 * journal (deploy-journal.ts): written before the first container starts, again before the
 * proxy switch, and settled (settle-deploy.ts) at the end or by whoever takes the deploy lock
 * after a crash. Once every new container passed its checks (app.json healthchecks, the
 * CHECKS file, else the default uptime check) the proxy routes to them, then the commit point
 * (`hooks.commit`, else the journal's `committed`), and only then are the older containers
 * (of those types) queued to retire after `wait-to-retire` seconds, renamed away to
 * `<name>.retiring-<time>-<short id>`, and the new ones take `<app>.<proc>.<n>`; due
 * retirements run before returning. Labels, not names, say what belongs to the app.
 * If anything fails before the commit point, the deploy is rolled back (the old containers
 * serve, the new ones go) and this throws naming the failed check, with the container's last
 * log lines. With checks disabled for a type (checks:disable), its old containers stop first,
 * and its new ones are not checked; with checks skipped (checks:skip), they are not checked.
 */
export async function deployContainers(
  ctx: Context,
  app: string,
  release: Release,
  formation: Formation,
  only?: string,
  hooks: DeployHooks = {},
): Promise<void> {
  const docker = await ctx.docker();
  clearFailedLogs(ctx, app);
  const old = (await listAppContainers(docker, app, "deploy")).filter(
    (info) => only === undefined || info.Labels[LABELS.processType] === only,
  );
  const env = readMergedEnv(ctx, { kind: "app", app });
  const plan = planContainers({
    processes: release.processes,
    formation,
    only,
    startCmd: dockerfileStartCmd(ctx, app),
    env,
  });
  for (const type of plan.skipped) ctx.out.warn(`Skipping ${type} as it is missing from the current Procfile`);
  const extras = await collectContainerExtras(ctx, app, release, Object.keys(plan.counts));
  const fragments = new Map<string, ContainerFragment[]>();
  const logSize = await logSizeOf(ctx, app);
  for (const type of Object.keys(plan.counts))
    fragments.set(type, logSize(await containerFragments(ctx, app, type, "deploy")));
  const deployId = `${release.id}-${Math.random().toString(36).slice(2, 8)}`;
  let journal = writeJournal(ctx, app, {
    deployId,
    releaseId: release.id,
    previousReleaseId: currentReleaseId(ctx, app) ?? null,
    phase: "starting",
    types: [...new Set(plan.containers.map((container) => container.processType))],
    old: old.map((info) => info.Id),
    stopped: [],
    pid: process.pid,
    startedAt: ctx.now().toISOString(),
  });
  failpoint(ctx.env, "deploy:journal-written");
  const started: Started[] = [];
  let switched = false;
  try {
    for (const [type, count] of Object.entries(plan.counts)) {
      ctx.out.step(`Deploying ${type} (count=${count})`);
      const disabled = checksDisabled(ctx, app, type);
      if (disabled) journal = await stopBeforeStart(ctx, docker, app, type, old, journal);
      const batch = plan.containers.filter((container) => container.processType === type);
      // a process type's containers start `parallel-schedule-count` at a time (after a failure, no
      // more start); every one that did start is tracked, so a failure of one removes the others too
      const outcomes = await settleAtMost(parallelScheduleCount(ctx, app), batch, (planned) =>
        createAndStart(
          docker,
          applyFragments(
            deployContainerSpec({
              app,
              processType: planned.processType,
              index: planned.index,
              releaseId: release.id,
              deployId,
              image: release.image,
              name: upcomingContainerName(app, planned.processType, planned.index, deployId),
              env,
              port: planned.port,
              command: planned.command,
              restartPolicy: restartPolicy(ctx, app),
              init: initProcess(ctx, app),
              extras: extras.get(type),
            }),
            fragments.get(type) ?? [],
          ),
          beforeStart(ctx, app, type),
        ),
      );
      for (const [planned, outcome] of outcomes)
        if (outcome.status === "fulfilled")
          started.push({ planned, id: outcome.value, dyno: `${planned.processType}.${planned.index}` });
      const failure = outcomes.map(([, outcome]) => outcome).find((outcome) => outcome.status === "rejected");
      if (failure) throw failure.reason;
      if (!disabled)
        for (const planned of batch)
          ctx.out.detail(`Attempting pre-flight checks (${planned.processType}.${planned.index})`);
    }
    failpoint(ctx.env, "deploy:containers-started");
    await checkStarted(ctx, docker, app, release, started);
    for (const container of started) await afterChecks(ctx, app, container.planned.processType, container.id);
    journal = writeJournal(ctx, app, { ...journal, phase: "switching" });
    failpoint(ctx.env, "deploy:checks-passed");
    // the proxy routes to the checked containers before the old ones retire
    await switchProxy(
      ctx,
      docker,
      app,
      started.map((container) => ({ id: container.id, processType: container.planned.processType })),
    );
    switched = true;
    failpoint(ctx.env, "deploy:proxy-switched");
    journal = commitDeploy(ctx, app, journal, hooks);
  } catch (error) {
    // a commit that did happen after all (its write went through, a later step threw) rolls forward
    if ((await settleAfterFailure(ctx, docker, app, journal, switched, error)) === "rolled-back") throw error;
  }
  failpoint(ctx.env, "deploy:committed");
  // the switch happened before the commit point: a command that rebuilt the app's proxy config
  // meanwhile (domains, ports, proxy:build-config) wrote the old containers; they go now (quietly:
  // the same text as the switch's is neither written nor reloaded again)
  try {
    await settleDeploy(ctx, docker, app, journal, { repoint: true, quietRepoint: true });
  } catch (error) {
    // past the commit point the deploy stands: what is left (its journal says what) is finished by the next holder of the deploy lock
    ctx.out.warn(
      `Could not finish settling the deploy of ${app}: ${error instanceof Error ? error.message : String(error)}; the next deploy or ps:retire finishes it`,
    );
  }
  failpoint(ctx.env, "deploy:settled");
  await retireDue(ctx, { app, lock: "wait" });
}

/** The commit point: the caller's (a new release becomes current), else the journal's (a restart). Returns the journal as committed. */
function commitDeploy(ctx: Context, app: string, journal: DeployJournal, hooks: DeployHooks): DeployJournal {
  const committed = { ...journal, phase: "committed" as const };
  runCommitHook(app, hooks.commit ? hooks : { commit: () => writeJournal(ctx, app, committed) });
  return committed;
}

/**
 * Rolls a failed deploy back, switching the proxy back only when its switch had gone through
 * (a refused switch left the old config live). When even that fails, the new containers stay
 * and so does the journal: the next holder of the deploy lock settles it.
 */
async function settleAfterFailure(
  ctx: Context,
  docker: DockerClient,
  app: string,
  journal: DeployJournal,
  switched: boolean,
  error: unknown,
): Promise<Settled> {
  try {
    return await settleDeploy(ctx, docker, app, journal, { repoint: switched });
  } catch (settleError) {
    ctx.out.warn(
      `Could not undo the failed deploy of ${app}: ${settleError instanceof Error ? settleError.message : String(settleError)}; the next deploy or ps:retire tries again`,
    );
    throw error;
  }
}

/**
 * checks:disable: the type's running containers stop before the new ones start (Dokku:
 * downtime); the journal names them first, so a rollback starts them again. They retire with
 * the others.
 */
async function stopBeforeStart(
  ctx: Context,
  docker: DockerClient,
  app: string,
  type: string,
  old: readonly ContainerInfo[],
  journal: DeployJournal,
): Promise<DeployJournal> {
  const running = old.filter(
    (info) =>
      info.Labels[LABELS.processType] === type && info.State === "running" && !isRetiringName(containerName(info)),
  );
  const noted = writeJournal(ctx, app, {
    ...journal,
    stopped: [...journal.stopped, ...running.map((info) => info.Id)],
  });
  ctx.out.detail(`Zero downtime is disabled, stopping currently running containers (${type})`);
  const timeout = stopTimeoutSeconds(ctx, app);
  await Promise.all(
    running.map(async (info) => {
      ctx.out.detail(`Stopping ${info.Id.slice(0, 12)} (${type})`);
      await stopContainer(docker, info.Id, timeout);
    }),
  );
  return noted;
}

/**
 * Runs the startup checks of the new containers (but of types with checks disabled or skipped);
 * any failure saves the failed containers' output for logs:failed and throws naming the first
 * failed check, with its container's last log lines.
 */
async function checkStarted(
  ctx: Context,
  docker: DockerClient,
  app: string,
  release: Release,
  started: readonly Started[],
): Promise<void> {
  const targets: CheckTarget[] = [];
  for (const container of started) {
    const type = container.planned.processType;
    if (checksDisabled(ctx, app, type)) continue;
    if (checksSkipped(ctx, app, type)) {
      ctx.out.heading(`Zero downtime checks have been skipped (${container.dyno})`);
      continue;
    }
    targets.push({
      id: container.id,
      processType: type,
      dyno: container.dyno,
      port: Number(container.planned.port ?? DEFAULT_WEB_PORT),
    });
  }
  const failed = await runChecks(ctx, app, release, targets);
  if (failed.length === 0) return;
  const failures: FailedContainer[] = [];
  for (const { target, reason } of failed) {
    const lines = await containerLogTail(docker, target.id, 1000).catch(() => [] as string[]);
    failures.push({ dyno: target.dyno, id: target.id, why: reason, reason, lines });
  }
  failDeploy(ctx, app, failures, `Could not start ${app}`);
}

/** Stops (stop timeout, restart policy off) and removes containers at once (leftovers of unfinished deploys). */
export async function retireContainers(
  ctx: Context,
  docker: DockerClient,
  app: string,
  containers: readonly ContainerInfo[],
): Promise<void> {
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
