import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { processSink } from "../../core/output";
import { procfileArgv } from "../../builders/container-command";
import { applyFragments } from "../../builders/container-fragment";
import { DEFAULT_WEB_PORT } from "../../builders/container-plan";
import { cronContainerName, cronContainerSpec } from "../../builders/cron-container";
import type { CronTask } from "../../builders/cron-tasks";
import { createAndStart } from "../../executors/docker/containers";
import { runContainer } from "../../executors/docker/run-container";
import { readMergedEnv } from "../config/env-store";
import type { Release } from "../deploy/contracts";
import { currentRelease } from "../release/release-store";
import { beforeStart, containerFragments } from "../scheduler/shared/container-fragments";
import { cronContainers, pruneFinished, replaceRunning } from "./containers";
import { appCronTasks } from "./properties";

/** How long a run may take before ps:retire may reap it (Dokku's DefaultTTLSeconds). */
export const DEFAULT_TTL_SECONDS = 86400;

export interface CronRunRequest {
  readonly app?: string;
  readonly id?: string;
  readonly detach: boolean;
  /** `--ttl-seconds` as typed; undefined is the default. */
  readonly ttlSeconds?: string;
}

/**
 * `cron:run <app> <id> [--detach] [--ttl-seconds N]`, as Dokku's CommandRun and scheduler-run:
 * the task's command in a one-off `<app>.cron.<n>` container of the current release, with the
 * app's config and the day-2 fragments of a `run` container, labelled with its task id.
 * concurrency_policy forbid refuses while a run of the task is still going; replace stops it.
 * Attached, the output streams and the command's exit code becomes ours; detached, the
 * container's name is printed. The finished container is kept for `logs`.
 */
export async function runCronTask(ctx: Context, request: CronRunRequest): Promise<void> {
  const app = verifyApp(ctx, request.app);
  const ttl = request.ttlSeconds ?? String(DEFAULT_TTL_SECONDS);
  if (!/^\d+$/.test(ttl) || Number(ttl) <= 0) fail("--ttl-seconds must be a positive integer");
  const tasks = appCronTasks(ctx, app);
  if (!request.id) fail(`Please specify a Cron ID from the output of 'dokku cron:list ${app}'`);
  const task = tasks.find((candidate) => candidate.id === request.id);
  if (!task) fail(`No matching Cron ID found. Please specify a Cron ID from the output of 'dokku cron:list ${app}'`);
  const release = currentRelease(ctx, app);
  if (!release) fail(`App ${app} has not been deployed`, "not-deployed");
  const docker = await ctx.docker();
  const running = (await cronContainers(docker, app, task.id)).filter((info) => info.State === "running");
  if (running.length > 0 && task.concurrencyPolicy === "forbid")
    fail(`${app} currently has a cron lock in place for ${task.id}. Exiting...`, "cron-locked");
  if (running.length > 0 && task.concurrencyPolicy === "replace") {
    ctx.out.warn(`Replacing running container for ${task.id}`);
    await replaceRunning(docker, running);
  }
  await pruneFinished(docker, app, task.id, new Set(tasks.map((candidate) => candidate.id)));
  const { command, processType } = taskCommand(ctx, app, release, task);
  const number = Math.floor(Math.random() * 32768);
  const fragmentType = processType ?? "run";
  const spec = applyFragments(
    cronContainerSpec({
      app,
      image: release.image,
      number,
      env: readMergedEnv(ctx, { kind: "app", app }),
      command,
      processType,
      ttlSeconds: Number(ttl),
      cronId: task.id,
      concurrencyPolicy: task.concurrencyPolicy,
    }),
    await containerFragments(ctx, app, fragmentType, "run"),
  );
  const attach = beforeStart(ctx, app, fragmentType);
  if (request.detach) {
    await createAndStart(docker, { ...spec, AttachStdout: false, AttachStderr: false }, attach);
    return ctx.out.print(cronContainerName(app, number));
  }
  const result = await runContainer(docker, spec, {
    onStdout: (text) => ctx.out.raw(text),
    onStderr: (text) => processSink.stderr(text),
    beforeStart: attach,
    keep: true,
  });
  if (result.exitCode !== 0) throw new DokkuError("", { code: "command-failed", exitCode: result.exitCode });
}

/**
 * The argv of the task: its words with `$VAR` taken from the app's config (no shell runs it);
 * a first word naming a Procfile process runs that process's command, as `run` does.
 */
function taskCommand(
  ctx: Context,
  app: string,
  release: Release,
  task: CronTask,
): { command: string[]; processType?: string } {
  const env = readMergedEnv(ctx, { kind: "app", app });
  const words = procfileArgv(task.command, env);
  const first = words[0];
  const procfileCommand = first === undefined ? undefined : release.processes[first];
  if (first === undefined || procfileCommand === undefined) return { command: words };
  ctx.out.step(`Found '${first}' in Procfile, running that command`);
  const expansionEnv = new Map(env).set("PORT", env.get("PORT") ?? DEFAULT_WEB_PORT);
  return { command: [...procfileArgv(procfileCommand, expansionEnv), ...words.slice(1)], processType: first };
}
