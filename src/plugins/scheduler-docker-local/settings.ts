import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

export const DOCKER_LOCAL_PLUGIN = "scheduler-docker-local";

type Store = Pick<Context, "store">;

/** `--init` for app containers: the app's `init-process`, else the global one, else true (Dokku's default). */
export function initProcess(ctx: Store, app: string): boolean {
  return ctx.store.getComputed(DOCKER_LOCAL_PLUGIN, app, "init-process", "true") !== "false";
}

/**
 * How long a new container must stay up before the old ones are retired: the checks plugin's
 * global `default-wait` (seconds, Dokku's default 10), as Dokku's default uptime check.
 */
export function settleMilliseconds(ctx: Store): number {
  const raw = ctx.store.get("checks", GLOBAL, "default-wait");
  const seconds = raw === undefined || raw.trim() === "" ? 10 : Number(raw.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000;
}

/** The shell of `run` and `enter` without a command: scheduler `shell` (app, then global), else /bin/bash. */
export function schedulerShell(ctx: Store, app: string): string {
  return ctx.store.getComputed("scheduler", app, "shell", "/bin/bash");
}

/** Where docker-local keeps per-app data: `$DOKKU_LIB_ROOT/data/scheduler-docker-local/<app>`. */
export function dockerLocalDataDir(ctx: Pick<Context, "paths">, app: string): string {
  return `${ctx.paths.libRoot}/data/${DOCKER_LOCAL_PLUGIN}/${app}`;
}

/** The saved output of the containers that failed the last deploy (logs:failed). */
export function failedLogsPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${dockerLocalDataDir(ctx, app)}/failed-logs`;
}
