import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { inspectOrUndefined } from "../../executors/docker/containers";
import { formationFor } from "../ps/formation";
import { currentRelease } from "../release/releases";
import type { ContainerStatus } from "../scheduler/scheduler";
import { schedulerFor } from "../scheduler/select-scheduler";
import { checksDisabled, checksSkipped } from "./properties";
import { runChecks, type CheckFailure } from "./run-checks";

/**
 * `checks:run <app> [<type>|<type>.<n>,...]`: the current release's startup checks against the
 * running containers, one container after the other, with Dokku's messages; fails when any
 * container fails its checks.
 */
export async function runAppChecks(
  ctx: Context,
  appArg: string | undefined,
  targetsArg: string | undefined,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const release = currentRelease(ctx, app);
  if (!release) fail(`App ${app} has not been deployed`);
  ctx.out.step("Running pre-flight checks");
  const containers = await schedulerFor(ctx, app).status(ctx, app);
  const types = Object.keys(formationFor(ctx, app, release));
  const picked: ContainerStatus[] = [];
  for (const wanted of targetsArg ? targetsArg.split(",") : [undefined]) {
    const [type, index] =
      wanted === undefined ? [undefined, undefined] : (wanted.split(".", 2) as [string, string | undefined]);
    if (index !== undefined) {
      const found = containers.find((c) => c.proc === type && String(c.index) === index);
      if (!found) fail(`Invalid container index specified (${app}.${wanted})`);
      if (!checksDisabled(ctx, app, found.proc)) picked.push(found);
      continue;
    }
    const matching = types.filter((name) => type === undefined || name === type);
    if (matching.length === 0) fail(`Invalid process type specified (${app}.${type})`);
    for (const name of matching) {
      if (checksDisabled(ctx, app, name)) {
        ctx.out.step(`Zero downtime is disabled for app (${app}.${name}). Skipping checks`);
        continue;
      }
      picked.push(...containers.filter((c) => c.proc === name));
    }
  }
  const docker = await ctx.docker();
  const failures: CheckFailure[] = [];
  for (const container of picked) {
    const dyno = `${container.proc}.${container.index}`;
    ctx.out.step(`Running checks for app (${app}.${dyno})`);
    if (checksSkipped(ctx, app, container.proc)) {
      ctx.out.heading(`Zero downtime checks have been skipped (${dyno})`);
      continue;
    }
    const env = (await inspectOrUndefined(docker, container.id))?.Config.Env ?? [];
    const port = Number(env.find((line) => line.startsWith("PORT="))?.slice("PORT=".length) || 5000);
    failures.push(
      ...(await runChecks(ctx, app, release, [{ id: container.id, processType: container.proc, dyno, port }])),
    );
  }
  const first = failures[0];
  if (first) fail(`Checks failed for ${app}.${first.target.dyno}: ${first.reason}`, "checks-failed");
}
