import { taskContainerSpec, type TaskPhase } from "../../builders/release-task";
import type { Context } from "../../core/context";
import { inspectImage } from "../../executors/docker/images";
import { runContainer, type RunContainerResult } from "../../executors/docker/run-container";
import { readMergedEnv } from "../config/env-store";
import { streamLines } from "../builder/from-image";

export interface TaskRun {
  readonly app: string;
  readonly image: string;
  readonly phase: TaskPhase;
  /** Empty: nothing to run. */
  readonly command: string;
  /** Where the command came from, for the `Executing ...` line. */
  readonly from: "app.json" | "Procfile";
  readonly commitTo?: { repo: string; tag: string; changes: string[] };
}

/**
 * Runs a deploy task in a one-off container of the app's image with the app's config, printing
 * Dokku's lines (`-----> Checking for <phase> task`, `No <phase> task found, skipping` ...) and
 * the task's own output, indented. Returns undefined when there was no task.
 */
export async function runDeployTask(ctx: Context, task: TaskRun): Promise<RunContainerResult | undefined> {
  ctx.out.step(`Checking for ${task.phase} task`);
  if (task.command === "") {
    ctx.out.detail(`No ${task.phase} task found, skipping`);
    return undefined;
  }
  const where = task.phase === "predeploy" ? task.from : `${task.from} in ephemeral container`;
  ctx.out.detail(`Executing ${task.phase} task from ${where}: ${task.command}`);
  const docker = await ctx.docker();
  const config = await inspectImage(docker, task.image);
  const spec = taskContainerSpec({
    app: task.app,
    phase: task.phase,
    command: task.command,
    image: { image: task.image, entrypoint: config?.entrypoint ?? null, cmd: config?.cmd ?? null },
    env: readMergedEnv(ctx, { kind: "app", app: task.app }),
  });
  ctx.out.heading(`Start of ${task.app} ${task.phase} task output`);
  const stdout = streamLines((line) => ctx.out.detail(line));
  const stderr = streamLines((line) => ctx.out.detail(line));
  try {
    return await runContainer(docker, spec, {
      onStdout: stdout.write,
      onStderr: stderr.write,
      commitTo: task.commitTo,
    });
  } finally {
    stdout.flush();
    stderr.flush();
    ctx.out.heading(`End of ${task.app} ${task.phase} task output`);
  }
}
