import type { Readable } from "node:stream";
import type { ImageBuildOptions } from "dockerode";
import type { DockerClient } from "./client";

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
