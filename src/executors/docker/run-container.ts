import { Writable } from "node:stream";
import type { ContainerCreateOptions } from "dockerode";
import { LABELS } from "../../builders/container-spec";
import { assertContainerEnv } from "../../core/env-bounds";
import type { DockerClient } from "./client";

export interface RunContainerOptions {
  /** Output of the container, as it arrives (text, not split into lines). */
  readonly onStdout: (text: string) => void;
  readonly onStderr: (text: string) => void;
  /** Commit the container's filesystem to this image (`repo:tag`) after a zero exit. */
  readonly commitTo?: { readonly repo: string; readonly tag: string; readonly changes?: string[] };
  /** Keep the container after it exits (run:detached keeps nothing either way: it never waits). */
  readonly keep?: boolean;
  /** Runs between create and start (networks to join). */
  readonly beforeStart?: (containerId: string) => Promise<void>;
}

export interface RunContainerResult {
  readonly exitCode: number;
  readonly containerId: string;
  /** The image id of the commit, when `commitTo` was given and the command succeeded. */
  readonly committedImage?: string;
}

/**
 * Runs one container to completion: create, attach, start, wait, optionally commit, remove.
 * The spec comes from a pure builder; this is the only place that executes it. An environment
 * past its bounds is refused before anything is created.
 */
export async function runContainer(
  docker: DockerClient,
  spec: ContainerCreateOptions,
  options: RunContainerOptions,
): Promise<RunContainerResult> {
  assertContainerEnv(spec.Env, spec.Labels?.[LABELS.app]);
  const container = await docker.createContainer({ ...spec, AttachStdout: true, AttachStderr: true });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = textWritable(options.onStdout);
    const stderr = textWritable(options.onStderr);
    const ended = new Promise<void>((resolve) => stream.on("end", () => resolve()));
    if (spec.Tty) stream.pipe(stdout);
    else docker.modem.demuxStream(stream, stdout, stderr);
    await options.beforeStart?.(container.id);
    await container.start();
    const { StatusCode: exitCode } = (await container.wait()) as { StatusCode: number };
    await Promise.race([ended, Bun.sleep(1000)]);
    let committedImage: string | undefined;
    if (exitCode === 0 && options.commitTo) {
      const { repo, tag, changes } = options.commitTo;
      // the API refuses an empty `changes` parameter, so send it only when there are changes
      const commit = (await container.commit(changes?.length ? { repo, tag, changes } : { repo, tag })) as {
        Id: string;
      };
      committedImage = commit.Id;
    }
    return { exitCode, containerId: container.id, committedImage };
  } finally {
    if (!options.keep) await container.remove({ force: true }).catch(() => undefined);
  }
}

function textWritable(onText: (text: string) => void): Writable {
  const decoder = new TextDecoder();
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      onText(decoder.decode(chunk, { stream: true }));
      callback();
    },
  });
}
