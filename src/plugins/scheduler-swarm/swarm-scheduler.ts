import type { Context } from "../../core/context";
import type { Formation, Release } from "../deploy/contracts";
import type { Scheduler, SchedulerDeps } from "../scheduler/scheduler";
import { enterContainer } from "../scheduler/shared/enter";
import { showFailedLogs } from "../scheduler/shared/failed-logs";
import { listRunContainers, retireRunContainers, runOneOff, stopRunContainers } from "../scheduler/shared/one-off";
import { mustRelease } from "../scheduler/shared/running-state";
import { existingAppNetwork } from "./app-network";
import { deploySwarm, type SwarmDeployOptions } from "./deploy";
import { showSwarmLogs } from "./logs";
import {
  destroySwarmApp,
  inspectSwarmApp,
  leaveSwarmApp,
  retireSwarmLeftovers,
  stopSwarmApp,
  swarmRunning,
  swarmStatus,
} from "./manage";
import { recoverSwarmDeploy } from "./recover";
import { swarmWebUpstreams } from "./web-upstreams";

/**
 * The swarm scheduler: one Docker Swarm service per process type, updated in place by Swarm's
 * own health-checked rolling updates, reached through the app's router.
 */
export function createSwarmScheduler(deps: SchedulerDeps): Scheduler {
  /** Every deploy that went through (a recovery's too): another scheduler that ran the app lets go of it. */
  async function deploy(
    ctx: Context,
    app: string,
    release: Release,
    formation: Formation,
    options: SwarmDeployOptions = {},
  ): Promise<void> {
    await deploySwarm(ctx, app, release, formation, options);
    await deps.leaveOthers(ctx, app);
  }
  return {
    name: "swarm",
    deploy: (ctx, app, release, formation, hooks) => deploy(ctx, app, release, formation, { commit: hooks?.commit }),
    running: (ctx, app, formation) => swarmRunning(ctx, app, formation),
    async start(ctx, app, release, formation) {
      if (mustRelease(ctx, app, await swarmRunning(ctx, app, formation))) return deploy(ctx, app, release, formation);
      // after a reboot the router restarts with a new bridge address: the proxy follows it
      const upstreams = await swarmWebUpstreams(ctx, app);
      if (upstreams.length > 0) await ctx.bus.fire("proxy-switch", { app, processType: "web", upstreams });
    },
    stop: (ctx, app) => stopSwarmApp(ctx, app),
    restart: (ctx, app, release, formation, processType) =>
      deploy(ctx, app, release, formation, { only: processType, force: true }),
    status: (ctx, app) => swarmStatus(ctx, app),
    logs: (ctx, app, options) => showSwarmLogs(ctx, app, options),
    failedLogs: async (ctx, app) => showFailedLogs(ctx, app),
    // one-off containers run on this host (the manager) from the release's image, as with docker-local, on the app's overlay network
    async run(ctx, app, release, options) {
      const network = await existingAppNetwork(ctx, app);
      return runOneOff(ctx, app, release, options, network === undefined ? [] : [network]);
    },
    runList: (ctx, app) => listRunContainers(ctx, app),
    runStop: (ctx, app, only) => stopRunContainers(ctx, app, only),
    runRetire: (ctx, app) => retireRunContainers(ctx, app),
    enter: (ctx, app, target) => enterContainer(ctx, app, target, swarmStatus),
    retire: (ctx, app) => retireSwarmLeftovers(ctx, app),
    recover: async (ctx, app, options) =>
      options.interrupted
        ? recoverSwarmDeploy(ctx, app, (release, formation) => deploy(ctx, app, release, formation))
        : undefined,
    destroy: (ctx, app, options) => destroySwarmApp(ctx, app, options),
    inspect: (ctx, app) => inspectSwarmApp(ctx, app),
    leave: (ctx, app) => leaveSwarmApp(ctx, app),
    webUpstreams: (ctx, app) => swarmWebUpstreams(ctx, app),
  };
}
