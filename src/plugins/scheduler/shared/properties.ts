import type { Context } from "../../../core/context";

/**
 * The settings every scheduler reads, and where the scheduler layer keeps its data. Both live
 * under the `scheduler-docker-local` namespace, as in Dokku (`scheduler-docker-local:set <app>
 * init-process`) and as earlier installs wrote them: the swarm scheduler honours them too.
 */
export const DOCKER_LOCAL_PLUGIN = "scheduler-docker-local";

type Store = Pick<Context, "store">;

/** `--init` for app containers: the app's `init-process`, else the global one, else true (Dokku's default). */
export function initProcess(ctx: Store, app: string): boolean {
  return ctx.store.getComputed(DOCKER_LOCAL_PLUGIN, app, "init-process", "true") !== "false";
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
