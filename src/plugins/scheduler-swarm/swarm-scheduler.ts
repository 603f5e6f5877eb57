import type { Scheduler } from "../scheduler/scheduler";
import { showFailedLogs } from "../scheduler/shared/failed-logs";
import { mustRelease } from "../scheduler/shared/running-state";

/**
 * The swarm scheduler: one Docker Swarm service per process type, updated in place by Swarm's
 * own health-checked rolling updates, reached through the app's router. Its modules load on
 * first use: a command that never touches a swarm app does not pay for them.
 */
export const swarmScheduler: Scheduler = {
  name: "swarm",
  deploy: async (ctx, app, release, formation, hooks) =>
    (await import("./deploy")).deploySwarm(ctx, app, release, formation, { commit: hooks?.commit }),
  running: async (ctx, app, formation) => (await import("./manage")).swarmRunning(ctx, app, formation),
  async start(ctx, app, release, formation) {
    if (mustRelease(ctx, app, await (await import("./manage")).swarmRunning(ctx, app, formation)))
      return (await import("./deploy")).deploySwarm(ctx, app, release, formation);
    // after a reboot the router restarts with a new bridge address: the proxy follows it
    const upstreams = await (await import("./web-upstreams")).swarmWebUpstreams(ctx, app);
    if (upstreams.length > 0) await ctx.bus.fire("proxy-switch", { app, processType: "web", upstreams });
  },
  stop: async (ctx, app) => (await import("./manage")).stopSwarmApp(ctx, app),
  restart: async (ctx, app, release, formation, processType) =>
    (await import("./deploy")).deploySwarm(ctx, app, release, formation, { only: processType, force: true }),
  status: async (ctx, app) => (await import("./manage")).swarmStatus(ctx, app),
  logs: async (ctx, app, options) => (await import("./logs")).showSwarmLogs(ctx, app, options),
  failedLogs: async (ctx, app) => showFailedLogs(ctx, app),
  // one-off containers run on this host (the manager) from the release's image, as with docker-local, on the app's overlay network
  async run(ctx, app, release, options) {
    const network = await (await import("./app-network")).existingAppNetwork(ctx, app);
    return (await import("../scheduler/shared/one-off")).runOneOff(
      ctx,
      app,
      release,
      options,
      network === undefined ? [] : [network],
    );
  },
  runList: async (ctx, app) => (await import("../scheduler/shared/one-off")).listRunContainers(ctx, app),
  enter: async (ctx, app, target) =>
    (await import("../scheduler/shared/enter")).enterContainer(
      ctx,
      app,
      target,
      (await import("./manage")).swarmStatus,
    ),
  retire: async (ctx, app) => (await import("./manage")).retireSwarmLeftovers(ctx, app),
  recover: async (ctx, app, options) =>
    options.interrupted ? (await import("./recover")).recoverSwarmDeploy(ctx, app) : undefined,
  destroy: async (ctx, app, options) => (await import("./manage")).destroySwarmApp(ctx, app, options),
  inspect: async (ctx, app) => (await import("./manage")).inspectSwarmApp(ctx, app),
  leave: async (ctx, app) => (await import("./manage")).leaveSwarmApp(ctx, app),
  webUpstreams: async (ctx, app) => (await import("./web-upstreams")).swarmWebUpstreams(ctx, app),
};
