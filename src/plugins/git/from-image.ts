import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { imageExists, loadImages } from "../../executors/docker/images";
import { deployApp } from "../deploy/pipeline";
import { recordDeploySource } from "./deploy-rev";
import { GIT_PLUGIN } from "./properties";

/** `git:from-image <app> <image>`: deploys a local image through the pipeline (the null builder). */
export async function deployFromImage(
  ctx: Context,
  appArg: string | undefined,
  image: string | undefined,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (!image) fail("Please specify a docker image");
  ctx.out.step("Generating build context");
  if (!(await imageExists(await ctx.docker(), image))) {
    fail(`Image ${image} does not exist on this host; pull or load it first (git:load-image)`, "image-missing");
  }
  ctx.out.step("Image exists on host, skipping pull");
  await deployImage(ctx, app, image, "image");
}

/**
 * `git:load-image <app> [<image>]`: `docker load` of the tar on stdin, then deploys the image.
 * Without a name, the one image the tar loaded is used.
 */
export async function deployLoadedImage(
  ctx: Context,
  appArg: string | undefined,
  image: string | undefined,
  stdin: () => ReadableStream<Uint8Array>,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (ctx.input.isTTY) fail("Expecting tar archive containing docker image on STDIN");
  const docker = await ctx.docker();
  const loaded = await loadImages(docker, stdin());
  for (const name of loaded) ctx.out.detail(`Loaded image: ${name}`);
  const target = image || (loaded.length === 1 ? loaded[0] : undefined);
  if (!target)
    fail(
      loaded.length === 0
        ? "Please specify a docker image"
        : `The tarball holds several images (${loaded.join(", ")}); please specify one`,
    );
  if (!(await imageExists(docker, target)))
    fail(`Loaded image tarball but the specified docker image was not found: ${target}`, "image-missing");
  await deployImage(ctx, app, target, "load-image");
}

async function deployImage(ctx: Context, app: string, image: string, origin: "image" | "load-image"): Promise<void> {
  ctx.store.set(GIT_PLUGIN, app, "source-image", image);
  await deployApp(ctx, app, { kind: "image", image, origin });
  recordDeploySource(ctx, app, "docker-image", image);
}
