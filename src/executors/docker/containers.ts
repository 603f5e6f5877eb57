import type { ContainerCreateOptions, ContainerInfo, ContainerInspectInfo } from "dockerode";
import { Writable } from "node:stream";
import { LABELS } from "../../builders/container-spec";
import { assertContainerEnv } from "../../core/env-bounds";
import type { DockerClient } from "./client";

/**
 * The container effects the schedulers need, over dockerode. Specs come from the pure builders
 * in src/builders/container-spec.ts; nothing here decides what to run.
 */

export type ContainerKind = "deploy" | "run";

/** The app's containers (running or not) of one kind, found by their labels. */
export async function listAppContainers(
  docker: DockerClient,
  app: string,
  kind: ContainerKind,
): Promise<ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.app}=${app}`, `${LABELS.containerType}=${kind}`] },
  });
}

/** A container as the engine lists it (`docker ps`). */
export type ListedContainer = ContainerInfo;

export interface ContainerQuery {
  /** Labels every container carries (`key=value`, or `key` for any value). */
  readonly labels?: readonly string[];
  /** Docker states, one of which each container is in (`running`, `exited` ...). */
  readonly status?: readonly string[];
  /** Stopped containers too (`docker ps -a`). */
  readonly all?: boolean;
}

/** The containers matching a query: one listing of the engine's. */
export async function findContainers(docker: DockerClient, query: ContainerQuery): Promise<ContainerInfo[]> {
  const filters: Record<string, string[]> = {};
  if (query.labels !== undefined && query.labels.length > 0) filters.label = [...query.labels];
  if (query.status !== undefined && query.status.length > 0) filters.status = [...query.status];
  return docker.listContainers(query.all ? { all: true, filters } : { filters });
}

/** Ids of the images some container (running or not) was created from. */
export async function imagesInUse(docker: DockerClient): Promise<Set<string>> {
  const containers = await docker.listContainers({ all: true });
  return new Set(containers.map((container) => container.ImageID));
}

/** Every container carrying the app's label, of any kind. */
export async function listAllAppContainers(docker: DockerClient, app: string): Promise<ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABELS.app}=${app}`] } });
}

/**
 * Creates and starts a container (running `beforeStart` in between); a container that fails to
 * start is removed. An environment past its bounds is refused before anything is created.
 */
export async function createAndStart(
  docker: DockerClient,
  spec: ContainerCreateOptions,
  beforeStart?: (containerId: string) => Promise<void>,
): Promise<string> {
  assertContainerEnv(spec.Env, spec.Labels?.[LABELS.app]);
  const container = await docker.createContainer(spec);
  try {
    await beforeStart?.(container.id);
    await container.start();
  } catch (error) {
    await removeContainer(docker, container.id);
    throw error;
  }
  return container.id;
}

/** A container's details; Docker's error (404 for a missing one) is thrown. */
export async function inspectContainer(docker: DockerClient, id: string): Promise<ContainerInspectInfo> {
  return docker.getContainer(id).inspect();
}

export async function inspectOrUndefined(docker: DockerClient, id: string): Promise<ContainerInspectInfo | undefined> {
  try {
    return await docker.getContainer(id).inspect();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Stops a container for good: its restart policy off first, then stop with the timeout (Docker kills after it). */
export async function stopContainer(docker: DockerClient, id: string, timeoutSeconds: number): Promise<void> {
  const container = docker.getContainer(id);
  await container.update({ RestartPolicy: { Name: "no" } }).catch(ignoreGone);
  await container.stop({ t: timeoutSeconds }).catch((error: unknown) => {
    // 304: already stopped
    if (statusOf(error) === 304) return;
    ignoreGone(error);
  });
}

/** Removes a container; one Docker is already removing (an auto-removing one that stopped) is waited for, up to 10 s. */
export async function removeContainer(docker: DockerClient, id: string): Promise<void> {
  const container = docker.getContainer(id);
  const removing = await container.remove({ force: true, v: true }).then(
    () => false,
    (error: unknown) => {
      ignoreGone(error);
      return statusOf(error) !== 404;
    },
  );
  if (!removing) return;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await Bun.sleep(100)) {
    const gone = await container.inspect().then(
      () => false,
      (error: unknown) => statusOf(error) === 404,
    );
    if (gone) return;
  }
}

/**
 * Removes a stopped container without force: false when it is gone already or Docker refuses
 * because it runs again (409), which is not the caller's to force.
 */
export async function removeStoppedContainer(docker: DockerClient, id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).remove();
    return true;
  } catch (error) {
    if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    return false;
  }
}

export async function renameContainer(docker: DockerClient, id: string, name: string): Promise<void> {
  await docker.getContainer(id).rename({ name });
}

export async function startContainer(docker: DockerClient, id: string): Promise<void> {
  await docker
    .getContainer(id)
    .start()
    .catch((error: unknown) => {
      if (statusOf(error) !== 304) throw error;
    });
}

/** Images of the app: named `dokku/<app>` or labelled with its name. */
/**
 * The app's images: those named `dokku/<app>`. Not by label: a renamed app's images keep the
 * label of the name they were built under, and a new app of that name must not take them.
 */
export async function listAppImages(docker: DockerClient, app: string): Promise<string[]> {
  const named = await docker.listImages({ filters: { reference: [`dokku/${app}`] } });
  return [...new Set(named.map((image) => image.Id))];
}

function ignoreGone(error: unknown): void {
  if (isGoneOrGoing(error)) return;
  throw error;
}

/**
 * Whether Docker refused because the container is gone (404) or already being removed: an
 * auto-removing container (run:detached) that stopped answers 409 "removal of container ... is
 * already in progress", or 500 "... is marked for removal", to a stop, update or remove. Pure.
 */
export function isGoneOrGoing(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 404) return true;
  if (status !== 409 && status !== 500) return false;
  const message =
    error instanceof Error ? error.message : String((error as { json?: { message?: string } })?.json?.message ?? "");
  return /removal of container .* is already in progress|marked for removal/i.test(message);
}

export function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "statusCode" in error
    ? (error as { statusCode: number }).statusCode
    : undefined;
}

/** Where an attached process's output goes. */
export interface ProcessIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Runs a command inside a running container (`docker exec`): with `tty`, this process's terminal
 * is attached in raw mode; without, output is demultiplexed to `io`. Returns the exit code.
 */
export async function execInContainer(
  docker: DockerClient,
  id: string,
  command: readonly string[],
  tty: boolean,
  io: ProcessIo,
): Promise<number> {
  const exec = await docker.getContainer(id).exec({
    Cmd: [...command],
    AttachStdin: tty,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = await exec.start({ hijack: true, stdin: tty, Tty: tty });
  const ended = new Promise<void>((resolve) => {
    stream.on("end", () => resolve());
    stream.on("close", () => resolve());
  });
  if (tty) {
    await withRawTerminal(stream, ended, (size) => exec.resize(size).catch(() => undefined));
  } else {
    docker.modem.demuxStream(stream, textSink(io.stdout), textSink(io.stderr));
    await ended;
  }
  const info = await exec.inspect();
  return info.ExitCode ?? 0;
}

/** Attaches this process's terminal to a container created with Tty and OpenStdin, starts it and waits. */
export async function attachTerminalAndRun(docker: DockerClient, id: string): Promise<number> {
  const container = docker.getContainer(id);
  const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
  const ended = new Promise<void>((resolve) => stream.on("end", () => resolve()));
  await container.start();
  const waited = container.wait() as Promise<{ StatusCode: number }>;
  await withRawTerminal(stream, Promise.race([ended, waited.then(() => undefined)]), (size) =>
    container.resize(size).catch(() => undefined),
  );
  return (await waited).StatusCode;
}

async function withRawTerminal(
  stream: NodeJS.ReadWriteStream,
  done: Promise<void>,
  resize: (size: { h: number; w: number }) => Promise<unknown>,
): Promise<void> {
  const stdin = process.stdin;
  const onResize = () => void resize({ h: process.stdout.rows ?? 24, w: process.stdout.columns ?? 80 });
  stdin.setRawMode?.(true);
  stdin.resume();
  stdin.pipe(stream);
  stream.pipe(process.stdout);
  process.stdout.on("resize", onResize);
  onResize();
  try {
    await done;
  } finally {
    process.stdout.off("resize", onResize);
    stdin.unpipe(stream);
    stdin.setRawMode?.(false);
    stdin.pause();
  }
}

function textSink(onText: (text: string) => void): Writable {
  const decoder = new TextDecoder();
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      onText(decoder.decode(chunk, { stream: true }));
      callback();
    },
  });
}
