import type { Context } from "../../core/context";
import { registryImageName } from "../../builders/registry-image";
import { removeImageName } from "../../executors/docker/images";
import { pushImage, type PushProgress } from "../../executors/docker/registry-push";
import { registryAuthConfig } from "./login";
import { registrySettings } from "./properties";

/**
 * Pushes an app's release image to the registry its `server` property names (app, else global),
 * as `<server>/<image-repo>:<tag>`, with the credentials `registry:login` stored for that
 * registry, then pushes each push-extra-tags tag and removes those local extra tags again.
 * Returns the pushed reference, or undefined when no server is configured (nothing to push).
 * A server of `docker.io` pushes to Docker Hub (`<image-repo>:<tag>`).
 */
export async function pushReleaseImage(
  ctx: Context,
  app: string,
  image: string,
  tag: string,
): Promise<string | undefined> {
  const settings = registrySettings(ctx, app);
  if (settings.server === "") return undefined;
  const docker = await ctx.docker();
  const auth = registryAuthConfig(ctx, settings.server);
  const target = registryImageName({ server: settings.server, imageRepo: settings.imageRepo, app, tag });
  const progress = progressPrinter(ctx);

  ctx.out.step(`Tagging ${settings.imageRepo}:${tag} in registry format`);
  ctx.out.step(`Pushing ${target}`);
  await pushImage(docker, { localImage: image, target, auth }, progress);
  for (const extra of settings.pushExtraTags.filter((name) => name !== tag)) {
    const extraTarget = registryImageName({ server: settings.server, imageRepo: settings.imageRepo, app, tag: extra });
    ctx.out.step(`Pushing ${extraTarget}`);
    await pushImage(docker, { localImage: image, target: extraTarget, auth }, progress);
    await removeImageName(docker, extraTarget, { noprune: true }).catch(() => undefined);
  }
  ctx.out.detail(`Image ${target} pushed`);
  return target;
}

/**
 * Prints a push's status lines (`<layer>: Pushed`, the digest line), not its progress bars, and
 * of a retry countdown (`Retrying in 5 seconds`, 4, 3 ...) only the first line.
 */
export function progressPrinter(ctx: Pick<Context, "out">): (event: PushProgress) => void {
  const countdown = new Map<string, number>();
  return (event) => {
    if (event.status === undefined || event.progress !== undefined) return;
    const retry = /^Retrying in (\d+) seconds?$/.exec(event.status);
    const key = event.id ?? "";
    if (retry) {
      const seconds = Number(retry[1]);
      const last = countdown.get(key);
      countdown.set(key, seconds);
      if (last !== undefined && seconds < last) return;
    } else countdown.delete(key);
    ctx.out.detail(event.id ? `${event.id}: ${event.status}` : event.status);
  };
}
