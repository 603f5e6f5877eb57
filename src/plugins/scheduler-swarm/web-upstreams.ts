import { DEFAULT_WEB_PORT } from "../../builders/container-plan";
import type { ContainerUpstream } from "../../builders/nginx-upstreams";
import { swarmServiceName } from "../../builders/swarm-service-spec";
import type { Context } from "../../core/context";
import type { DockerClient } from "../../executors/docker/client";
import { listAppServices } from "../../executors/docker/services";
import { portMaps } from "../ports/port-maps";
import { appNetworkName } from "./app-network";
import { isManager } from "./manager";
import { ensureRouter, type Router } from "./router";

/**
 * The proxy's upstream for a swarm app: its router, listening on the port maps' container ports
 * (a new router when they changed; the old one retires with ps:retire). None while the app has
 * no web service.
 */
export async function swarmWebUpstreams(ctx: Context, app: string): Promise<ContainerUpstream[]> {
  const docker = await ctx.docker();
  if (!(await isManager(docker))) return [];
  const web = (await listAppServices(docker, app)).find(
    (service) => service.Spec.Name === swarmServiceName(app, "web"),
  );
  if (!web) return [];
  return [(await appRouter(ctx, docker, app, appNetworkName(ctx, app))).upstream];
}

/** The app's router on `network`, listening on its port maps' container ports (5000 without any). */
export async function appRouter(ctx: Context, docker: DockerClient, app: string, network: string): Promise<Router> {
  const ports = [...new Set((await portMaps(ctx, app)).map((map) => map.container))];
  return ensureRouter(ctx, docker, app, network, ports.length > 0 ? ports : [Number(DEFAULT_WEB_PORT)]);
}
