import { availableParallelism } from "node:os";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { NO_APPS_MESSAGE, visibleApps } from "../apps/app-list";

/**
 * Runs `command` against every app, as Dokku's RunCommandAgainstAllApps: serially (with a
 * `Running <cmd> against app <app>` line) for --parallel 0 or 1, else N at a time (-1: the CPU
 * count). Failures are reported per app and counted into one error at the end.
 */
export async function runAgainstAllApps(
  ctx: Context,
  commandName: string,
  parallel: number,
  command: (app: string) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(parallel) || parallel < -1) fail(`Invalid value ${parallel} for --parallel flag`);
  let count = parallel;
  if (count === -1) {
    count = availableParallelism();
    ctx.out.warn(`Setting --parallel=${parallel} value to CPU count of ${count}`);
  }
  const apps = await visibleApps(ctx);
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  if (count <= 1) {
    ctx.out.warn(`Running ${commandName} in serial mode`);
    let errors = 0;
    for (const app of apps) {
      ctx.out.step(`Running ${commandName} against app ${app}`);
      await command(app).catch((error: unknown) => {
        errors++;
        ctx.out.warn(`Error running ${commandName} against app ${app}: ${messageOf(error)}`);
      });
    }
    if (errors > 0) fail(`${commandName} command returned ${errors} errors`);
    return;
  }
  const queue = [...apps];
  let errors = 0;
  const worker = async () => {
    for (let app = queue.shift(); app !== undefined; app = queue.shift()) {
      const name = app;
      await command(name).catch((error: unknown) => {
        errors++;
        ctx.out.warn(`Error running ${commandName} against ${name}: ${messageOf(error)}`);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, apps.length) }, worker));
  if (errors > 0) fail(`Encountered ${errors} errors during parallel run`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
