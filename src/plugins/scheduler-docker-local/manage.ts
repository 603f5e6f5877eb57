import { UPCOMING_MARK } from "../../builders/container-spec";
import type { Context } from "../../core/context";
import {
  inspectOrUndefined,
  listAllAppContainers,
  listAppContainers,
  listAppImages,
  removeContainer,
  stopContainer,
} from "../../executors/docker/containers";
import { removeImage } from "../../executors/docker/images";
import { stopTimeoutSeconds } from "../ps/properties";
import { retireContainers } from "./deploy";
import { appContainers } from "./status";

/** `ps:stop`: every running container of the app stops (restart policy off, stop timeout); they stay. */
export async function stopApp(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  const timeout = stopTimeoutSeconds(ctx, app);
  const running = (await listAllAppContainers(docker, app)).filter(
    (info) => info.State === "running" || info.State === "restarting",
  );
  await Promise.all(running.map((info) => stopContainer(docker, info.Id, timeout)));
}

/** `ps:retire`: stops and removes leftovers of unfinished deploys (`.upcoming-` containers). */
export async function retireLeftovers(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  const leftovers = (await listAppContainers(docker, app, "deploy")).filter((info) =>
    (info.Names?.[0] ?? "").includes(UPCOMING_MARK),
  );
  await retireContainers(ctx, docker, app, leftovers);
}

/** Another scheduler serves the app now: its deploy containers stop and go (one-off containers and images stay). */
export async function leaveApp(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  await retireContainers(ctx, docker, app, await listAppContainers(docker, app, "deploy"));
}

/** apps:destroy: every container carrying the app's label (deploy and run), then (unless kept) its images. */
export async function destroyApp(
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

/** `ps:inspect`: docker inspect of the app's containers with config values replaced (Dokku sanitises them too). */
export async function inspectApp(ctx: Context, app: string): Promise<unknown[]> {
  const docker = await ctx.docker();
  const all: unknown[] = [];
  for (const container of await appContainers(ctx, app)) {
    const info = await inspectOrUndefined(docker, container.id);
    if (!info) continue;
    all.push({ ...info, Config: { ...info.Config, Env: (info.Config.Env ?? []).map(sanitiseEnv) } });
  }
  return all;
}

const SHOWN_PREFIXES = ["CACHE_PATH=", "DOCKER_", "DOKKU_", "DYNO=", "PATH=", "PORT=", "USER="];

/** `KEY=value` -> `KEY=XXXXXX` except Dokku's allowed prefixes (scheduler-inspect). Pure. */
export function sanitiseEnv(line: string): string {
  if (SHOWN_PREFIXES.some((prefix) => line.startsWith(prefix))) return line;
  const at = line.indexOf("=");
  return `${at < 0 ? line : line.slice(0, at)}=XXXXXX`;
}
