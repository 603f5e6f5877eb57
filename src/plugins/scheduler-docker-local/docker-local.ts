import type { Context } from "../../core/context";
import type { Formation, Release } from "../deploy/contracts";
import type { DeployHooks } from "../deploy/contracts";
import type { RunningState, Scheduler, SchedulerDeps } from "../scheduler/scheduler";
import { destroyAppContainers } from "../scheduler/shared/destroy";
import { enterContainer } from "../scheduler/shared/enter";
import { showFailedLogs } from "../scheduler/shared/failed-logs";
import { listRunContainers, retireRunContainers, runOneOff, stopRunContainers } from "../scheduler/shared/one-off";
import { mustRelease, runningState } from "../scheduler/shared/running-state";
import { deployContainers } from "./deploy";
import { showLogs } from "./logs";
import { inspectApp, leaveApp, retireLeftovers, stopApp } from "./manage";
import { recoverDeploy } from "./recover";
import { appContainers } from "./status";
import { runningWebUpstreams } from "./web-upstreams";

/** Whether the app's containers run, whatever the formation says (Dokku's docker-local scheduler-app-status). */
async function containersRunning(ctx: Context, app: string): Promise<RunningState> {
  return runningState((await appContainers(ctx, app)).map((container) => container.state));
}

/** The docker-local scheduler: containers on this host through the Docker API. */
export function createDockerLocalScheduler(deps: SchedulerDeps): Scheduler {
  /** Every deploy, start or restart that went through: another scheduler that ran the app lets go of it. */
  async function deploy(
    ctx: Context,
    app: string,
    release: Release,
    formation: Formation,
    only?: string,
    hooks?: DeployHooks,
  ): Promise<void> {
    await deployContainers(ctx, app, release, formation, only, hooks);
    await deps.leaveOthers(ctx, app);
  }
  return {
    name: "docker-local",
    deploy: (ctx, app, release, formation, hooks) => deploy(ctx, app, release, formation, undefined, hooks),
    running: (ctx, app) => containersRunning(ctx, app),
    async start(ctx, app, release, formation) {
      if (mustRelease(ctx, app, await containersRunning(ctx, app))) await deploy(ctx, app, release, formation);
    },
    stop: (ctx, app) => stopApp(ctx, app),
    restart: (ctx, app, release, formation, processType) => deploy(ctx, app, release, formation, processType),
    status: (ctx, app) => appContainers(ctx, app),
    logs: (ctx, app, options) => showLogs(ctx, app, options),
    failedLogs: async (ctx, app) => showFailedLogs(ctx, app),
    run: (ctx, app, release, options) => runOneOff(ctx, app, release, options),
    runList: (ctx, app) => listRunContainers(ctx, app),
    runStop: (ctx, app, only) => stopRunContainers(ctx, app, only),
    runRetire: (ctx, app) => retireRunContainers(ctx, app),
    enter: (ctx, app, target) => enterContainer(ctx, app, target, appContainers),
    retire: (ctx, app) => retireLeftovers(ctx, app),
    recover: (ctx, app) => recoverDeploy(ctx, app),
    destroy: (ctx, app, options) => destroyAppContainers(ctx, app, options),
    inspect: (ctx, app) => inspectApp(ctx, app),
    leave: (ctx, app) => leaveApp(ctx, app),
    webUpstreams: (ctx, app) => runningWebUpstreams(ctx, app),
  };
}
