import { containerName, isUpcomingName } from "../../builders/container-spec";
import { sanitiseEnv } from "../../builders/sanitise-env";
import type { Context } from "../../core/context";
import {
  inspectOrUndefined,
  listAllAppContainers,
  listAppContainers,
  stopContainer,
} from "../../executors/docker/containers";
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
    isUpcomingName(containerName(info)),
  );
  await retireContainers(ctx, docker, app, leftovers);
}

/** Another scheduler serves the app now: its deploy containers stop and go (one-off containers and images stay). */
export async function leaveApp(ctx: Context, app: string): Promise<void> {
  const docker = await ctx.docker();
  await retireContainers(ctx, docker, app, await listAppContainers(docker, app, "deploy"));
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
