import type { Context } from "../../../core/context";
import {
  listAllAppContainers,
  listAppImages,
  removeContainer,
  stopContainer,
} from "../../../executors/docker/containers";
import { removeImage } from "../../../executors/docker/images";
import { stopTimeoutSeconds } from "../../ps/properties";

/**
 * apps:destroy's part every scheduler shares: every container carrying the app's label
 * (deploys, one-off and cron runs) stops and goes, then (unless kept, as by apps:rename) its images.
 */
export async function destroyAppContainers(
  ctx: Context,
  app: string,
  options: { readonly keepImages?: boolean } = {},
): Promise<void> {
  const docker = await ctx.docker();
  const timeout = stopTimeoutSeconds(ctx, app);
  const containers = await listAllAppContainers(docker, app);
  await Promise.all(
    containers.map(async (info) => {
      await stopContainer(docker, info.Id, timeout);
      await removeContainer(docker, info.Id);
    }),
  );
  if (options.keepImages) return;
  for (const image of await listAppImages(docker, app)) await removeImage(docker, image);
}
