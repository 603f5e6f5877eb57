import type { Scheduler } from "../scheduler/scheduler";
import { deployContainers } from "./deploy";
import { enterContainer } from "./enter";
import { showFailedLogs, showLogs } from "./logs";
import { destroyApp, inspectApp, leaveApp, retireLeftovers, stopApp } from "./manage";
import { listRunContainers, runOneOff } from "./run";
import { appContainers } from "./status";
import { recoverDeploy } from "./recover";
import { runningWebUpstreams } from "./web-upstreams";

/** Whether the app's containers run: Dokku's scheduler-app-status `true`, `false` or `mixed`. Pure. */
export function runningState(states: readonly string[]): "true" | "false" | "mixed" {
  const running = states.filter((state) => state === "running").length;
  if (running === 0) return "false";
  return running === states.length ? "true" : "mixed";
}

/** The docker-local scheduler: containers on this host through the Docker API. */
export const dockerLocalScheduler: Scheduler = {
  name: "docker-local",
  deploy: (ctx, app, release, formation, hooks) => deployContainers(ctx, app, release, formation, undefined, hooks),
  async start(ctx, app, release, formation) {
    const state = runningState((await appContainers(ctx, app)).map((container) => container.state));
    if (state === "true") {
      ctx.out.warn(`App ${app} already running`);
      return;
    }
    ctx.out.warn(
      state === "mixed" ? "App is running in mixed mode, releasing" : "App has been detected as not running, releasing",
    );
    await deployContainers(ctx, app, release, formation);
  },
  stop: (ctx, app) => stopApp(ctx, app),
  restart: (ctx, app, release, formation, processType) => deployContainers(ctx, app, release, formation, processType),
  status: (ctx, app) => appContainers(ctx, app),
  logs: (ctx, app, options) => showLogs(ctx, app, options),
  failedLogs: async (ctx, app) => showFailedLogs(ctx, app),
  run: (ctx, app, release, options) => runOneOff(ctx, app, release, options),
  runList: (ctx, app) => listRunContainers(ctx, app),
  enter: (ctx, app, target) => enterContainer(ctx, app, target),
  retire: (ctx, app) => retireLeftovers(ctx, app),
  recover: (ctx, app) => recoverDeploy(ctx, app),
  destroy: (ctx, app, options) => destroyApp(ctx, app, options),
  inspect: (ctx, app) => inspectApp(ctx, app),
  leave: (ctx, app) => leaveApp(ctx, app),
  webUpstreams: (ctx, app) => runningWebUpstreams(ctx, app),
};
