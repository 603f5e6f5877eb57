import type { Context } from "../../../core/context";
import type { RunningState } from "../scheduler";

/** Whether containers in these states all run (`true`), none does (`false`), or some do (`mixed`). Pure. */
export function runningState(states: readonly string[]): RunningState {
  const running = states.filter((state) => state === "running").length;
  if (running === 0) return "false";
  return running === states.length ? "true" : "mixed";
}

/**
 * ps:start's decision on what `Scheduler.running` said, with Dokku's words: true when the
 * release must be deployed again (not running, or mixed), false when the app already runs.
 */
export function mustRelease(ctx: Pick<Context, "out">, app: string, state: RunningState): boolean {
  if (state === "true") {
    ctx.out.warn(`App ${app} already running`);
    return false;
  }
  ctx.out.warn(
    state === "mixed" ? "App is running in mixed mode, releasing" : "App has been detected as not running, releasing",
  );
  return true;
}
