import type { DockerClient, ServiceSpec } from "../../executors/docker/client";
import { planContainers } from "../../builders/container-plan";
import { LABELS } from "../../builders/container-spec";
import type { ContainerFragment } from "../../builders/container-fragment";
import { convergence, failedTasksOfRelease, rollbackSettled, type Convergence } from "../../builders/swarm-convergence";
import {
  servicesOfPlan,
  swarmServiceName,
  swarmServiceSpec,
  type SwarmServiceSettings,
} from "../../builders/swarm-service-spec";
import type { Context } from "../../core/context";
import { DokkuError, fail } from "../../core/errors";
import { failpoint } from "../../core/failpoint";
import { containerLogTail } from "../../executors/docker/logs";
import { dockerMessage } from "../../executors/docker/networks";
import {
  createService,
  inspectService,
  listAppServices,
  listServiceTasks,
  removeService,
  rollbackService,
  taskContainerId,
  updateService,
  type ServiceInfo,
  type TaskInfo,
} from "../../executors/docker/services";
import { checkPlanFor } from "../checks/run-checks";
import { readMergedEnv } from "../config/env-store";
import { runCommitHook } from "../deploy/commit-point";
import type { Formation, Release } from "../deploy/contracts";
import { dockerfileStartCmd, restartPolicy, stopTimeoutSeconds } from "../ps/properties";
import { collectContainerExtras } from "../scheduler/shared/docker-args";
import { containerFragments } from "../scheduler/shared/container-fragments";
import { clearFailedLogs, failDeploy, type FailedContainer } from "../scheduler/shared/failed-logs";
import { initProcess } from "../scheduler/shared/properties";
import { ensureAppNetwork } from "./app-network";
import { serviceImage } from "./image";
import { requireManager } from "./manager";
import { swarmServiceSettings } from "./properties";
import { retireRouters } from "./router";
import { appRouter } from "./web-upstreams";

/** How long one service may take to converge before the deploy gives up (Swarm goes on; the old tasks serve). */
const CONVERGE_TIMEOUT_MS = 300_000;
const POLL_MS = 250;
/** How long a failed deploy waits for Swarm to roll a service back before it returns anyway. */
const ROLLBACK_WAIT_MS = 60_000;
/** How long an expected rolling update may take to show in the service's UpdateStatus. */
const UPDATE_START_GRACE_MS = 15_000;

export interface SwarmDeployOptions {
  /** Only this process type (ps:restart <app> <proc>). */
  readonly only?: string;
  /** Replace the tasks even when nothing changed (ps:restart, ps:rebuild of the same image). */
  readonly force?: boolean;
  /** The pipeline's commit point (DeployHooks): once every service runs the release and the proxy switched; a throw undoes the deploy. */
  readonly commit?: () => void;
}

/**
 * A release on Swarm: one `<app>-<proc>` service per process type at the formation's replicas,
 * created or updated in place. Swarm runs the rolling update itself (start-first, health-checked,
 * rolled back on failure); this waits until each service runs the release's tasks, healthy, and
 * throws with the failing task's output when Swarm rolled back or a task failed (the old tasks
 * keep serving). Then the app's router (for web) and the proxy switch to it; services of types
 * no longer in the formation go (the scheduler then has the others let go of the app).
 */
export async function deploySwarm(
  ctx: Context,
  app: string,
  release: Release,
  formation: Formation,
  options: SwarmDeployOptions = {},
): Promise<void> {
  const docker = await ctx.docker();
  await requireManager(docker);
  clearFailedLogs(ctx, app);
  const env = readMergedEnv(ctx, { kind: "app", app });
  const plan = planContainers({
    processes: release.processes,
    formation,
    only: options.only,
    startCmd: dockerfileStartCmd(ctx, app),
    env,
  });
  for (const type of plan.skipped) ctx.out.warn(`Skipping ${type} as it is missing from the current Procfile`);
  const services = servicesOfPlan(plan);
  const extras = await collectContainerExtras(
    ctx,
    app,
    release,
    services.map((service) => service.processType),
  );
  const fragments = new Map<string, ContainerFragment[]>();
  for (const { processType } of services)
    fragments.set(processType, await containerFragments(ctx, app, processType, "deploy"));
  const network = await ensureAppNetwork(ctx, docker, app);
  const settings: SwarmServiceSettings = {
    ...swarmServiceSettings(ctx, app),
    network,
    stopTimeoutSeconds: stopTimeoutSeconds(ctx, app),
  };
  const image = await serviceImage(ctx, docker, app, release);
  const existing = await listAppServices(docker, app);
  const specs = services.map((service) => {
    const built = swarmServiceSpec({
      app,
      processType: service.processType,
      release: { id: release.id, image },
      replicas: service.replicas,
      env,
      port: service.port,
      command: service.command,
      restartPolicy: restartPolicy(ctx, app),
      init: initProcess(ctx, app),
      extras: extras.get(service.processType),
      fragments: fragments.get(service.processType) ?? [],
      checks: checkPlanFor(ctx, app, release, service.processType, Number(service.port ?? 5000)),
      settings,
    });
    if (built.unsupported.length > 0) {
      fail(
        `The swarm scheduler cannot run ${app}'s ${service.processType} with ${built.unsupported.join(", ")}: remove it or use the docker-local scheduler`,
        "swarm-unsupported",
      );
    }
    for (const name of built.skippedChecks)
      ctx.out.warn(`Check ${name} (${service.processType}) is a warn-only check: Swarm does not run it`);
    return { ...service, spec: built.spec };
  });
  const applied: Applied[] = [];
  try {
    for (const service of specs) {
      ctx.out.step(`Deploying ${service.processType} (count=${service.replicas})`);
      const current = existing.find((info) => info.Spec.Name === swarmServiceName(app, service.processType));
      applied.push(
        await applyService(
          ctx,
          docker,
          app,
          release,
          service.processType,
          service.spec,
          service.replicas,
          current,
          options.force === true,
        ),
      );
    }
    if (specs.some((service) => service.processType === "web")) {
      const router = await appRouter(ctx, docker, app, network);
      const outcome = await ctx.bus.fire("proxy-switch", { app, processType: "web", upstreams: [router.upstream] });
      if (!outcome.allowed) throw new DokkuError(outcome.reason, { code: "proxy-switch-refused" });
      await retireRouters(docker, app, router.id);
    }
    failpoint(ctx.env, "deploy:proxy-switched");
    runCommitHook(app, options);
  } catch (error) {
    await undoApplied(ctx, docker, applied);
    throw error;
  }
  if (options.only === undefined) {
    const wanted = new Set(specs.map((service) => service.spec.Name));
    for (const info of existing.filter((service) => !wanted.has(service.Spec.Name))) {
      ctx.out.detail(`Removing service ${info.Spec.Name}`);
      await removeService(docker, info.ID);
    }
  }
}

/** A service this deploy created or updated, and so undoes when a later step fails. */
interface Applied {
  readonly id: string;
  readonly name: string;
  readonly created: boolean;
}

/**
 * What a failed deploy changed goes back: services it created are removed, updated ones roll
 * back to their previous spec, and this waits (bounded) until only their previous release runs.
 */
async function undoApplied(ctx: Context, docker: DockerClient, applied: readonly Applied[]): Promise<void> {
  for (const service of applied) {
    try {
      if (service.created) {
        await removeService(docker, service.id);
        continue;
      }
      const info = await inspectService(docker, service.id);
      if (!info?.PreviousSpec) continue;
      ctx.out.detail(`Rolling back ${service.name}`);
      await rollbackService(docker, service.id, info.Version.Index, info.Spec);
      if (!(await waitRolledBack(docker, service.id, info.PreviousSpec)))
        ctx.out.warn(`${service.name} is still rolling back; Swarm finishes it`);
    } catch (error) {
      ctx.out.warn(`Could not roll back ${service.name}: ${dockerMessage(error)}`);
    }
  }
}

/** Waits until the rollback to `previous` settled (rollbackSettled); false when it did not within ROLLBACK_WAIT_MS. */
async function waitRolledBack(docker: DockerClient, id: string, previous: ServiceSpec): Promise<boolean> {
  const releaseId = Number((previous.Labels as Record<string, string> | undefined)?.[LABELS.releaseId]);
  const replicas = previous.Mode?.Replicated?.Replicas ?? 1;
  for (const deadline = Date.now() + ROLLBACK_WAIT_MS; Date.now() < deadline; await Bun.sleep(POLL_MS)) {
    const service = await inspectService(docker, id);
    if (!service) return true;
    if (rollbackSettled({ service, tasks: await listServiceTasks(docker, id), replicas, releaseId })) return true;
  }
  return false;
}

/** Creates or updates one service and waits for it to run the release; throws (saving the failing tasks' output) when it does not. */
async function applyService(
  ctx: Context,
  docker: DockerClient,
  app: string,
  release: Release,
  processType: string,
  spec: ServiceSpec,
  replicas: number,
  current: ServiceInfo | undefined,
  force: boolean,
): Promise<Applied> {
  const since = new Date(Date.now() - 1000).toISOString();
  let id: string;
  let expectUpdate = false;
  let previousUpdateStart: string | undefined;
  if (current) {
    id = current.ID;
    previousUpdateStart = current.UpdateStatus?.StartedAt;
    // ForceUpdate counts restarts (as `docker service update --force`): a restart bumps it, a
    // deploy keeps it, or the deploy would count as a change of the tasks
    const forced = (current.Spec.TaskTemplate as { ForceUpdate?: number } | undefined)?.ForceUpdate ?? 0;
    const next: ServiceSpec = {
      ...spec,
      TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: force ? forced + 1 : forced },
    };
    try {
      await updateService(docker, id, current.Version.Index, next);
    } catch (error) {
      fail(`Could not update service ${spec.Name}: ${dockerMessage(error)}`, "deploy-failed");
    }
    const updated = await inspectService(docker, id);
    // Swarm rolls tasks it runs; a service scaled to 0 (ps:stop) just starts new ones
    const hadTasks = (current.Spec.Mode?.Replicated?.Replicas ?? 0) > 0;
    expectUpdate =
      hadTasks && JSON.stringify(updated?.Spec.TaskTemplate) !== JSON.stringify(updated?.PreviousSpec?.TaskTemplate);
    if (expectUpdate) ctx.out.detail(`Rolling update of ${spec.Name} (${spec.UpdateConfig?.Order ?? "start-first"})`);
  } else {
    try {
      id = await createService(docker, spec);
    } catch (error) {
      fail(`Could not create service ${spec.Name}: ${dockerMessage(error)}`, "deploy-failed");
    }
    ctx.out.detail(`Created service ${spec.Name}`);
  }
  const outcome = await waitConverged(docker, id, {
    replicas,
    releaseId: release.id,
    expectUpdate,
    previousUpdateStart,
    since,
  });
  if (outcome.kind === "converged") return { id, name: spec.Name ?? processType, created: !current };
  const tasks = await listServiceTasks(docker, id);
  const failedTasks = failedTasksOfRelease(tasks, release.id);
  const reason =
    outcome.kind === "waiting"
      ? `timed out waiting for ${outcome.why}`
      : outcome.kind === "rolled-back"
        ? `Swarm rolled the update back (${outcome.message})`
        : outcome.message;
  if (!current) await removeService(docker, id); // a first deploy of the type leaves nothing behind
  return saveFailedLogs(ctx, docker, app, processType, failedTasks, reason);
}

async function waitConverged(
  docker: DockerClient,
  id: string,
  input: { replicas: number; releaseId: number; expectUpdate: boolean; previousUpdateStart?: string; since: string },
): Promise<Convergence> {
  const started = Date.now();
  const deadline = started + CONVERGE_TIMEOUT_MS;
  for (;;) {
    const service = await inspectService(docker, id);
    if (!service) return { kind: "failed", message: "the service was removed", taskIds: [] };
    // an update Swarm never starts (nothing of it to roll) is judged by the tasks alone
    const expectUpdate = input.expectUpdate && Date.now() - started < UPDATE_START_GRACE_MS;
    const outcome = convergence({ ...input, expectUpdate, service, tasks: await listServiceTasks(docker, id) });
    if (outcome.kind !== "waiting" || Date.now() > deadline) return outcome;
    await Bun.sleep(POLL_MS);
  }
}

/** Keeps the failed tasks' output for logs:failed and throws naming the first, with its last lines. */
async function saveFailedLogs(
  ctx: Context,
  docker: DockerClient,
  app: string,
  processType: string,
  tasks: readonly TaskInfo[],
  reason: string,
): Promise<never> {
  const failures: FailedContainer[] = [];
  for (const task of tasks.slice(0, 3)) {
    const container = taskContainerId(task);
    const lines = container === "" ? [] : await containerLogTail(docker, container, 1000).catch(() => [] as string[]);
    const why = task.Status?.Err || task.Status?.Message || task.Status?.State || "";
    failures.push({
      dyno: `${processType}.${task.Slot ?? 0}`,
      id: container || task.ID || "",
      why,
      reason: `${reason}${why && !reason.includes(why) ? `: ${why}` : ""}`,
      lines,
    });
  }
  return failDeploy(ctx, app, failures, `Could not deploy ${processType}: ${reason}`);
}
