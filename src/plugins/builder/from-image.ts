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
export async function buildFromImage(ctx: Context, app: string, image: string, tag: string, builder: string): Promise<BuiltImage> {
  const docker = await ctx.docker();
  if (!(await inspectImage(docker, image))) fail(`Image ${image} is not on this host; pull or load it first`, "image-missing");
  const options = imageBuildOptions({ app, tag, builder, dockerfile: "Dockerfile", buildArgs: {} });
  const lines = streamLines((line) => ctx.out.print(line));
  try {
    await buildImage(docker, singleFileContext("Dockerfile", fromImageDockerfile(image)), options, lines.write);
  } finally {
    lines.flush();
  }
  return { image: appImage(app, tag), builder };
}

/** Cuts streamed text into lines for `emit`; `flush` emits a last line without a newline. */
export function streamLines(emit: (line: string) => void): { write: (text: string) => void; flush: () => void } {
  let pending = "";
  return {
    write(text) {
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) emit(line.replace(/\r$/, ""));
    },
    flush() {
      if (pending !== "") emit(pending);
      pending = "";
    },
  };
}
