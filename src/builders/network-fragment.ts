import type { HostConfig } from "dockerode";
import type { ContainerFragment, ContainerPhase } from "./container-fragment";
import { isBuiltinNetwork, type NetworkSettings } from "./network-properties";

/**
 * `<app>.<proc>`, or `<app>.<proc>.<tld>` with a tld: the name other containers on a shared
 * network reach an app's process type by (Dokku's network alias). Pure.
 */
export function networkAlias(app: string, processType: string, tld: string): string {
  return tld === "" ? `${app}.${processType}` : `${app}.${processType}.${tld}`;
}

/**
 * The aliases a container gets on a network it joins: for deploy containers the app alias and,
 * when its hostname is known (after create), `<hostname>.<alias>` as Dokku adds; one-off
 * containers get none, so they never receive the process type's traffic. Pure.
 */
export function networkAliases(input: {
  app: string;
  processType: string;
  tld: string;
  phase: ContainerPhase;
  hostname?: string;
}): string[] {
  if (input.phase !== "deploy") return [];
  const alias = networkAlias(input.app, input.processType, input.tld);
  return input.hostname ? [alias, `${input.hostname}.${alias}`] : [alias];
}

/** Whether Docker accepts aliases on the network: user-defined ones only (not bridge/host/none, not `container:<id>`). */
export function supportsAliases(network: string): boolean {
  return !isBuiltinNetwork(network) && !network.startsWith("container:");
}

export interface NetworkFragmentInput {
  readonly app: string;
  readonly processType: string;
  readonly phase: ContainerPhase;
  readonly settings: NetworkSettings;
  /** Container ports the web process listens on (the app's port maps), published when bind-all-interfaces. */
  readonly webPorts: readonly number[];
}

/**
 * What the network plugin adds at container creation: the initial network as NetworkMode, with
 * the app alias on it for deploy containers; with bind-all-interfaces, a deploy web container
 * publishes each web port on a random host port on all interfaces (Dokku's `-p <port>`).
 * The attach-post-create / attach-post-deploy networks are joined later (Docker API 1.41
 * accepts one network at create). Pure.
 */
export function buildNetworkFragment(input: NetworkFragmentInput): ContainerFragment {
  const hostConfig: Partial<HostConfig> = {};
  const fragment: { hostConfig?: Partial<HostConfig>; networks?: { name: string; aliases: string[] }[] } = {};
  const initial = input.settings.initialNetwork;
  if (initial !== "") {
    hostConfig.NetworkMode = initial;
    if (supportsAliases(initial) && input.phase === "deploy") {
      fragment.networks = [{ name: initial, aliases: networkAliases({ ...input, tld: input.settings.tld }) }];
    }
  }
  const published =
    input.settings.bindAllInterfaces && input.phase === "deploy" && input.processType === "web" && initial !== "host";
  if (published && input.webPorts.length > 0) {
    const ports = [...new Set(input.webPorts)].sort((a, b) => a - b);
    hostConfig.PortBindings = Object.fromEntries(ports.map((port) => [`${port}/tcp`, [{ HostIp: "", HostPort: "" }]]));
  }
  if (Object.keys(hostConfig).length > 0) fragment.hostConfig = hostConfig;
  return fragment;
}
