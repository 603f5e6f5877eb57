import type { Readable } from "node:stream";
import type { ImageBuildOptions } from "dockerode";
import type { DockerClient } from "./client";
import { statusOf } from "./containers";

/** Thrown when docker reports a failed build; the message is docker's own. */
export class ImageBuildError extends Error {
  override readonly name = "ImageBuildError";
}

/**
 * Runs `POST /build` with a context archive and the options from a pure builder, passing
 * docker's output text to `onOutput` as it arrives. Resolves with the image id; rejects with
 * docker's message when a step fails (docker then tags nothing).
 */
export async function buildImage(
  docker: DockerClient,
  context: Readable,
  options: ImageBuildOptions,
  onOutput: (text: string) => void,
): Promise<string | undefined> {
  const stream = await docker.buildImage(context, options);
  let imageId: string | undefined;
  let failure: string | undefined;
  let pending = "";
  const handle = (line: string) => {
    if (line.trim() === "") return;
    let event: {
      stream?: string;
      status?: string;
      error?: string;
      errorDetail?: { message?: string };
      aux?: { ID?: string };
    };
    try {
      event = JSON.parse(line);
    } catch {
      onOutput(`${line}\n`);
      return;
    }
    if (event.error !== undefined || event.errorDetail !== undefined)
      failure ??= event.errorDetail?.message ?? event.error ?? "unknown error";
    else if (event.stream !== undefined) onOutput(event.stream);
    else if (event.status !== undefined) onOutput(`${event.status}\n`);
    if (event.aux?.ID) imageId = event.aux.ID;
  };
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) handle(line);
    });
    stream.on("end", () => resolve());
    stream.on("error", reject);
  });
  handle(pending);
  if (failure !== undefined) throw new ImageBuildError(failure.trim());
  return imageId;
}

/**
 * `POST /build/prune` (API 1.31+, so docker 20.10's 1.41 has it): the build cache no build
 * uses, optionally only what went unused for `until` (`24h`). dockerode's pruneBuilder drops
 * its options, so the request is dialled here. Returns the bytes reclaimed; an engine without
 * the endpoint (404) reclaims nothing.
 */
export async function pruneBuildCache(docker: DockerClient, until?: string): Promise<number> {
  const options = until === undefined ? {} : { filters: { until: [until] } };
  try {
    const result = await new Promise<{ SpaceReclaimed?: number } | undefined>((resolve, reject) =>
      docker.modem.dial(
        {
          path: "/build/prune?",
          method: "POST",
          options,
          statusCodes: { 200: true, 400: "bad parameter", 404: "not supported", 500: "server error" },
        },
        (error: unknown, data: unknown) =>
          error ? reject(error) : resolve(data as { SpaceReclaimed?: number } | undefined),
      ),
    );
    return result?.SpaceReclaimed ?? 0;
  } catch (error) {
    if (statusOf(error) === 404) return 0;
    throw error;
  }
}
