import type { Context } from "../../core/context";
import type { RunningState, Scheduler } from "../scheduler/scheduler";
import { mustRelease, runningState } from "../scheduler/shared/running-state";
import { deployContainers } from "./deploy";
import { enterContainer } from "../scheduler/shared/enter";
import { showLogs } from "./logs";
import { showFailedLogs } from "../scheduler/shared/failed-logs";
import { destroyAppContainers } from "../scheduler/shared/destroy";
import { inspectApp, leaveApp, retireLeftovers, stopApp } from "./manage";
import { listRunContainers, runOneOff } from "../scheduler/shared/one-off";
import { appContainers } from "./status";
import { recoverDeploy } from "./recover";
import { runningWebUpstreams } from "./web-upstreams";

/** Whether the app's containers run, whatever the formation says (Dokku's docker-local scheduler-app-status). */
async function containersRunning(ctx: Context, app: string): Promise<RunningState> {
  return runningState((await appContainers(ctx, app)).map((container) => container.state));
}

/** The docker-local scheduler: containers on this host through the Docker API. */
export const dockerLocalScheduler: Scheduler = {
  name: "docker-local",
  deploy: (ctx, app, release, formation, hooks) => deployContainers(ctx, app, release, formation, undefined, hooks),
  running: (ctx, app) => containersRunning(ctx, app),
  async start(ctx, app, release, formation) {
    if (mustRelease(ctx, app, await containersRunning(ctx, app))) await deployContainers(ctx, app, release, formation);
  },
  stop: (ctx, app) => stopApp(ctx, app),
  restart: (ctx, app, release, formation, processType) => deployContainers(ctx, app, release, formation, processType),
  status: (ctx, app) => appContainers(ctx, app),
  logs: (ctx, app, options) => showLogs(ctx, app, options),
  failedLogs: async (ctx, app) => showFailedLogs(ctx, app),
  run: (ctx, app, release, options) => runOneOff(ctx, app, release, options),
  runList: (ctx, app) => listRunContainers(ctx, app),
  enter: (ctx, app, target) => enterContainer(ctx, app, target, appContainers),
  retire: (ctx, app) => retireLeftovers(ctx, app),
  recover: (ctx, app) => recoverDeploy(ctx, app),
  destroy: (ctx, app, options) => destroyAppContainers(ctx, app, options),
  inspect: (ctx, app) => inspectApp(ctx, app),
  leave: (ctx, app) => leaveApp(ctx, app),
  webUpstreams: (ctx, app) => runningWebUpstreams(ctx, app),
};
