import type { Context } from "../../../core/context";

/**
 * The settings every scheduler reads, and where the scheduler layer keeps its data. Both live
 * under the `scheduler-docker-local` namespace, as in Dokku (`scheduler-docker-local:set <app>
 * init-process`) and as earlier installs wrote them: the swarm scheduler honours them too.
 */
export const DOCKER_LOCAL_PLUGIN = "scheduler-docker-local";

type Store = Pick<Context, "store">;

/** The properties `scheduler-docker-local:set` takes, for an app or --global, as Dokku's. */
export const DOCKER_LOCAL_PROPERTIES = ["init-process", "parallel-schedule-count"] as const;
export type DockerLocalProperty = (typeof DOCKER_LOCAL_PROPERTIES)[number];

/** What each computes to when neither the app nor --global sets it (Dokku's defaults). */
export const DOCKER_LOCAL_DEFAULTS: Readonly<Record<DockerLocalProperty, string>> = {
  "init-process": "true",
  "parallel-schedule-count": "1",
};

/** The most containers of one process type docker-local creates and starts at once. */
export const MAX_PARALLEL_SCHEDULE_COUNT = 64;

/** `--init` for app containers: the app's `init-process`, else the global one, else true (Dokku's default). */
export function initProcess(ctx: Store, app: string): boolean {
  return ctx.store.getComputed(DOCKER_LOCAL_PLUGIN, app, "init-process", "true") !== "false";
}

/**
 * How many containers of one process type docker-local starts at once: the app's
 * `parallel-schedule-count`, else the global one, else 1 (Dokku's default). A stored value that
 * is no count in 1..MAX_PARALLEL_SCHEDULE_COUNT (written by hand) counts as the default.
 */
export function parallelScheduleCount(ctx: Store, app: string): number {
  const value = ctx.store.getComputed(DOCKER_LOCAL_PLUGIN, app, "parallel-schedule-count", "1");
  return parallelCountProblem(value) === undefined ? Number(value) : 1;
}

/** Why a `parallel-schedule-count` value is refused; undefined for a whole number in 1..MAX_PARALLEL_SCHEDULE_COUNT. Pure. */
export function parallelCountProblem(value: string): string | undefined {
  return /^[1-9][0-9]{0,2}$/.test(value) && Number(value) <= MAX_PARALLEL_SCHEDULE_COUNT
    ? undefined
    : `Invalid parallel-schedule-count: ${value}; use a whole number from 1 to ${MAX_PARALLEL_SCHEDULE_COUNT}`;
}

/** The shell of `run` and `enter` without a command: scheduler `shell` (app, then global), else /bin/bash. */
export function schedulerShell(ctx: Store, app: string): string {
  return ctx.store.getComputed("scheduler", app, "shell", "/bin/bash");
}

/** Where the schedulers keep per-app data (failed logs, docker-local's deploy journal): `$DOKKU_LIB_ROOT/data/scheduler-docker-local/<app>`. */
export function schedulerDataDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${ctx.paths.libRoot}/data/${DOCKER_LOCAL_PLUGIN}/${app}`;
}

/** The saved output of the containers that failed the last deploy (logs:failed). */
export function failedLogsPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${schedulerDataDir(ctx, app)}/failed-logs`;
}

/** Old containers waiting for their retire time: one `<container id>.json` each (`_retire`: no app can be named so). */
export function retireQueueDir(ctx: Pick<Context, "paths">): string {
  return `${ctx.paths.libRoot}/data/${DOCKER_LOCAL_PLUGIN}/_retire`;
}

/** The lock one `ps:retire` run holds while it retires (Dokku's ps retire lock). */
export function retireLockPath(ctx: Pick<Context, "paths">): string {
  return `${ctx.paths.libRoot}/data/${DOCKER_LOCAL_PLUGIN}/_retire.lock`;
}
