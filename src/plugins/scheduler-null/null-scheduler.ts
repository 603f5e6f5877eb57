import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { Scheduler, SchedulerDeps } from "../scheduler/scheduler";

function noContainers(app: string, what: string): never {
  return fail(`${app} uses the null scheduler, which runs no containers: nothing to ${what}`, "null-scheduler");
}

/**
 * Dokku's `null` scheduler (`scheduler:set <app> selected null`): a deploy builds and releases the
 * app but runs nothing. The release becomes current at once, and whatever another scheduler ran
 * for the app is let go (it is not this scheduler's to keep running). Everything the app "should
 * run" runs (Dokku's scheduler-app-status says `true`); a one-off run or enter has nowhere to go
 * and says so.
 */
export function createNullScheduler(deps: SchedulerDeps): Scheduler {
  async function deploy(ctx: Context, app: string, commit?: () => void): Promise<void> {
    commit?.();
    await deps.leaveOthers(ctx, app);
  }
  return {
    name: "null",
    deploy: (ctx, app, _release, _formation, hooks) => deploy(ctx, app, hooks?.commit),
    running: async () => "true",
    start: async () => {},
    stop: async () => {},
    restart: async () => {},
    status: async () => [],
    logs: async () => {},
    failedLogs: async () => {},
    run: async (_ctx, app) => noContainers(app, "run"),
    runList: async () => [],
    runStop: async () => [],
    runRetire: async () => [],
    enter: async (_ctx, app) => noContainers(app, "enter"),
    retire: async () => {},
    recover: async () => {},
    destroy: async () => {},
    inspect: async () => [],
    leave: async () => {},
    webUpstreams: async () => [],
  };
}
