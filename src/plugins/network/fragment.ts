import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { ContainerFragment, ContainerPhase } from "../../builders/container-fragment";
import { LABELS } from "../../builders/container-spec";
import { buildNetworkFragment, networkAliases } from "../../builders/network-fragment";
import { inspectContainer } from "../../executors/docker/containers";
import { connectContainer, dockerMessage, listNetworks } from "../../executors/docker/networks";
import { portMaps } from "../ports/port-maps";
import { networkSettings } from "./properties";

/**
 * The network plugin's part of a new container: its initial network (NetworkMode, with the
 * app alias for deploy containers) and, with bind-all-interfaces, the web ports published.
 */
export async function networkFragment(
  ctx: Context,
  app: string,
  processType: string,
  phase: ContainerPhase,
): Promise<ContainerFragment> {
  const settings = networkSettings(ctx, app);
  const publish = settings.bindAllInterfaces && phase === "deploy" && processType === "web";
  const webPorts = publish ? [...new Set((await portMaps(ctx, app)).map((map) => map.container))] : [];
  return buildNetworkFragment({ app, processType, phase, settings, webPorts });
}

/**
 * After a container (deploy or run) is created and before it starts: joins the app's
 * attach-post-create networks; deploy containers get the app alias there. `container` is its
 * id or name. Throws when a network does not exist or Docker refuses.
 */
export async function attachPostCreate(
  ctx: Context,
  app: string,
  processType: string,
  container: string,
): Promise<void> {
  await attachNetworks(ctx, app, processType, container, networkSettings(ctx, app).attachPostCreate, "create");
}

/**
 * After a deploy container passed its checks (before the proxy switches to it): joins the
 * app's attach-post-deploy networks with the app alias. One-off containers are left alone.
 */
export async function attachPostDeploy(
  ctx: Context,
  app: string,
  processType: string,
  container: string,
): Promise<void> {
  await attachNetworks(ctx, app, processType, container, networkSettings(ctx, app).attachPostDeploy, "deploy");
}

async function attachNetworks(
  ctx: Context,
  app: string,
  processType: string,
  container: string,
  networks: readonly string[],
  when: "create" | "deploy",
): Promise<void> {
  if (networks.length === 0) return;
  const docker = await ctx.docker();
  const info = await inspectContainer(docker, container);
  const phase: ContainerPhase = info.Config.Labels?.[LABELS.containerType] === "deploy" ? "deploy" : "run";
  if (when === "deploy" && phase !== "deploy") return;
  const { tld } = networkSettings(ctx, app);
  const aliases = networkAliases({ app, processType, tld, phase, hostname: info.Config.Hostname });
  const joined = new Set(Object.keys(info.NetworkSettings.Networks ?? {}));
  const existing = new Set((await listNetworks(docker)).map((network) => network.Name));
  const dyno = info.Config.Labels?.[LABELS.dyno] ?? processType;
  for (const name of networks) {
    if (!existing.has(name)) fail(`Network ${name} does not exist`);
    if (joined.has(name)) continue;
    if (when === "deploy") ctx.out.detail(`Associating ${dyno} with network ${name}`);
    try {
      await connectContainer(docker, name, info.Id, aliases);
    } catch (error) {
      fail(`Unable to attach container to network: ${dockerMessage(error)}`);
    }
  }
}
