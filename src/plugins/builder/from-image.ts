import { appImage, fromImageDockerfile, imageBuildOptions } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { singleFileContext } from "../../executors/docker/build-context";
import { buildImage } from "../../executors/docker/build-image";
import { inspectImage } from "../../executors/docker/images";
import type { BuiltImage } from "../deploy/contracts";

/**
 * Makes a ready image the app's `dokku/<app>:<tag>`: a one-line `FROM <image>` build that adds
 * our labels, as Dokku's git:from-image does (it commits that Dockerfile and builds it). The
 * image must already be on this host: we never pull.
 */
export async function buildFromImage(
  ctx: Context,
  app: string,
  image: string,
  tag: string,
  builder: string,
): Promise<BuiltImage> {
  const docker = await ctx.docker();
  if (!(await inspectImage(docker, image)))
    fail(`Image ${image} is not on this host; pull or load it first`, "image-missing");
  const options = imageBuildOptions({ app, tag, builder, dockerfile: "Dockerfile", buildArgs: {} });
  const lines = streamLines((line) => ctx.out.print(line));
  try {
    await buildImage(docker, singleFileContext("Dockerfile", fromImageDockerfile(image)), options, lines.write);
  } finally {
    lines.flush();
  }
  return { image: appImage(app, tag), builder };
}

/** The longest line held back for its newline; longer output is passed on in pieces of this many characters. */
export const MAX_PENDING_LINE = 16 * 1024;

/**
 * Cuts streamed text into lines for `emit`; `flush` emits a last line without a newline. Output
 * that never ends its line (a build printing megabytes without a newline) is emitted in pieces
 * of MAX_PENDING_LINE, so what is held never grows with it.
 */
export function streamLines(emit: (line: string) => void): { write: (text: string) => void; flush: () => void } {
  let pending = "";
  const emitBounded = (line: string) => {
    for (let start = 0; start < line.length; start += MAX_PENDING_LINE)
      emit(line.slice(start, start + MAX_PENDING_LINE));
    if (line === "") emit(line);
  };
  return {
    write(text) {
      const parts = text.split("\n");
      const last = parts.pop() ?? "";
      for (const part of parts) {
        emitBounded((pending + part).replace(/\r$/, ""));
        pending = "";
      }
      pending += last;
      if (pending.length > MAX_PENDING_LINE) {
        const whole = pending.length - (pending.length % MAX_PENDING_LINE);
        emitBounded(pending.slice(0, whole));
        pending = pending.slice(whole);
      }
    },
    flush() {
      if (pending !== "") emit(pending);
      pending = "";
    },
  };
}
