import type { Context } from "../../../core/context";
import { processSink } from "../../../core/output";
import { procfileArgv } from "../../../builders/container-command";
import { DEFAULT_WEB_PORT } from "../../../builders/container-plan";
import { applyFragments } from "../../../builders/container-fragment";
import { containerName, LABELS, runContainerSpec } from "../../../builders/container-spec";
import {
  attachTerminalAndRun,
  createAndStart,
  listAppContainers,
  removeContainer,
  stopContainer,
} from "../../../executors/docker/containers";
import { connectContainer } from "../../../executors/docker/networks";
import { runContainer } from "../../../executors/docker/run-container";
import { assertContainerEnv } from "../../../core/env-bounds";
import { readMergedEnv } from "../../config/env-store";
import type { Release } from "../../deploy/contracts";
import type { RunContainer, RunOptions, RunResult } from "../scheduler";
import { beforeStart, containerFragments } from "./container-fragments";
import { schedulerShell } from "./properties";
import { stopTimeoutSeconds } from "../../ps/properties";
import { createContainer } from "../../../executors/docker/container-effects";

/**
 * `run` / `run:detached`: a one-off `<app>.run.<n>` container from the release's image with
 * the app's config and `-e` extras. A first word naming a Procfile process runs its command,
 * as in Dokku. Attached: output streamed, container removed, exit code returned. Detached:
 * started, its name returned. `extraNetworks` are joined before it starts (a swarm app's overlay).
 */
export async function runOneOff(
  ctx: Context,
  app: string,
  release: Release,
  options: RunOptions,
  extraNetworks: readonly string[] = [],
): Promise<RunResult> {
  const docker = await ctx.docker();
  const env = readMergedEnv(ctx, { kind: "app", app });
  let command = [...options.command];
  let processType: string | undefined;
  const first = command[0];
  if (first !== undefined && release.processes[first] !== undefined) {
    ctx.out.step(`Found '${first}' in Procfile, running that command`);
    processType = first;
    const expansionEnv = new Map(env).set("PORT", env.get("PORT") ?? DEFAULT_WEB_PORT);
    command = [...procfileArgv(release.processes[first], expansionEnv), ...command.slice(1)];
  }
  if (command.length === 0) command = [schedulerShell(ctx, app)];
  const number = Math.floor(Math.random() * 32768);
  const name = `${app}.run.${number}`;
  const fragmentType = processType ?? "run";
  const spec = applyFragments(
    runContainerSpec({
      app,
      image: release.image,
      name,
      number,
      env,
      extraEnv: options.env,
      command,
      tty: options.tty && !options.detached,
      processType,
      ttlSeconds: options.ttlSeconds,
    }),
    await containerFragments(ctx, app, fragmentType, "run"),
  );
  assertContainerEnv(spec.Env, app);
  const networks = beforeStart(ctx, app, fragmentType);
  const attach = async (containerId: string) => {
    await networks(containerId);
    for (const network of extraNetworks) await connectContainer(docker, network, containerId, []);
  };
  if (options.detached) {
    // removed by Docker when it exits, as Dokku's `--rm`
    await createAndStart(
      docker,
      { ...spec, AttachStdout: false, AttachStderr: false, HostConfig: { ...spec.HostConfig, AutoRemove: true } },
      attach,
    );
    return { exitCode: 0, containerName: name };
  }
  if (spec.Tty) {
    const id = await createContainer(docker, spec);
    try {
      await attach(id);
      return { exitCode: await attachTerminalAndRun(docker, id), containerName: name };
    } finally {
      await removeContainer(docker, id);
    }
  }
  const result = await runContainer(docker, spec, {
    onStdout: (text) => ctx.out.raw(text),
    onStderr: (text) => processSink.stderr(text),
    beforeStart: attach,
  });
  return { exitCode: result.exitCode, containerName: name };
}

/** `run:list`: the app's one-off containers. */
export async function listRunContainers(ctx: Context, app: string): Promise<RunContainer[]> {
  const docker = await ctx.docker();
  const infos = await listAppContainers(docker, app, "run");
  return infos
    .map((info) => ({
      name: containerName(info),
      state: info.State,
      command: info.Command,
      createdAt: new Date(info.Created * 1000).toISOString(),
      app: info.Labels?.[LABELS.app],
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, state, command: cmd, createdAt }) => ({ name, state, command: cmd, createdAt }));
}

/** A run container as run:stop and run:retire see it. */
export interface RunContainerFacts {
  readonly name: string;
  /** Seconds since the epoch. */
  readonly createdAt: number;
  /** `com.dokku.active-deadline-seconds` (`run --ttl-seconds`); undefined when absent or no count. */
  readonly deadlineSeconds: number | undefined;
}

/** Whether a run container has outlived its `--ttl-seconds` at `nowSeconds`; one without a deadline never has. Pure. */
export function pastDeadline(container: RunContainerFacts, nowSeconds: number): boolean {
  return container.deadlineSeconds !== undefined && container.createdAt + container.deadlineSeconds < nowSeconds;
}

async function runContainerFacts(ctx: Context, app: string): Promise<(RunContainerFacts & { id: string })[]> {
  const infos = await listAppContainers(await ctx.docker(), app, "run");
  return infos.map((info) => {
    const deadline = info.Labels?.[LABELS.deadline] ?? "";
    return {
      id: info.Id,
      name: containerName(info),
      createdAt: info.Created,
      deadlineSeconds: /^\d{1,10}$/.test(deadline) ? Number(deadline) : undefined,
    };
  });
}

/** Stops (restart policy off, then the app's stop timeout) and removes each container; their names. */
async function stopAndRemove(ctx: Context, app: string, containers: readonly { id: string; name: string }[]) {
  const docker = await ctx.docker();
  const timeout = stopTimeoutSeconds(ctx, app);
  for (const container of containers) {
    await stopContainer(docker, container.id, timeout);
    await removeContainer(docker, container.id);
  }
  return containers.map((container) => container.name);
}

/** `run:stop`: the app's run containers, or only the one named `only`, stopped and removed; their names. */
export async function stopRunContainers(ctx: Context, app: string, only?: string): Promise<string[]> {
  const containers = (await runContainerFacts(ctx, app)).filter(
    (container) => only === undefined || container.name === only,
  );
  return stopAndRemove(ctx, app, containers);
}

/** `run:retire`: the app's run containers past their `--ttl-seconds`, stopped and removed; their names. */
export async function retireRunContainers(ctx: Context, app: string): Promise<string[]> {
  const now = Math.floor(ctx.now().getTime() / 1000);
  return stopAndRemove(
    ctx,
    app,
    (await runContainerFacts(ctx, app)).filter((container) => pastDeadline(container, now)),
  );
}
