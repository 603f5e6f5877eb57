import { LABELS } from "./container-spec";

/** The parts of a Docker task object (GET /tasks) that say where it answers. */
export interface SwarmTask {
  readonly ID?: string;
  readonly NodeID?: string;
  readonly Slot?: number;
  readonly DesiredState?: string;
  readonly Spec?: { readonly ContainerSpec?: { readonly Labels?: Readonly<Record<string, string>> } };
  readonly Status?: {
    readonly State?: string;
    readonly PortStatus?: { readonly Ports?: readonly { readonly Protocol?: string; readonly TargetPort?: number; readonly PublishedPort?: number; readonly PublishMode?: string }[] };
  };
  readonly NetworksAttachments?: readonly { readonly Network?: { readonly Spec?: { readonly Name?: string } }; readonly Addresses?: readonly string[] }[];
}

export interface TaskUpstream {
  readonly address: string;
  readonly port: number;
  /** `<proc>.<slot>`. */
  readonly dyno: string;
}

export interface TaskUpstreamOptions {
  /** Node id -> the address nginx reaches that node at; a node not listed is this host (127.0.0.1). */
  readonly nodeAddresses?: ReadonlyMap<string, string>;
  /** Reach tasks on this overlay network, at their address there and the container's port, instead of the host-mode published port. */
  readonly network?: { readonly name: string; readonly port: number };
}

/**
 * Where nginx sends a service's traffic: each task Swarm runs and wants running (a task with a
 * HEALTHCHECK counts as running only once healthy), at its node's address and the host port Swarm
 * published its tcp target port on (host mode), or with `network`, at its address on that overlay
 * network and the container's port. Tasks without such a port or address are left out; sorted by process type and slot. Pure.
 */
export function taskUpstreams(tasks: readonly SwarmTask[], options: TaskUpstreamOptions = {}): TaskUpstream[] {
  const upstreams: { upstream: TaskUpstream; processType: string; slot: number }[] = [];
  for (const task of tasks) {
    if (task.Status?.State !== "running" || task.DesiredState !== "running") continue;
    const processType = task.Spec?.ContainerSpec?.Labels?.[LABELS.processType];
    if (processType === undefined || task.Slot === undefined) continue;
    const port = (task.Status.PortStatus?.Ports ?? []).find((entry) => (entry.Protocol ?? "tcp") === "tcp" && entry.PublishMode === "host");
    const dyno = `${processType}.${task.Slot}`;
    if (options.network !== undefined) {
      const network = options.network;
      const attachment = (task.NetworksAttachments ?? []).find((entry) => entry.Network?.Spec?.Name === network.name);
      const address = attachment?.Addresses?.[0]?.split("/")[0];
      if (address === undefined || address === "") continue;
      upstreams.push({ upstream: { address, port: network.port, dyno }, processType, slot: task.Slot });
      continue;
    }
    if (port?.PublishedPort === undefined || port.PublishedPort === 0) continue;
    const address = (task.NodeID !== undefined ? options.nodeAddresses?.get(task.NodeID) : undefined) ?? "127.0.0.1";
    upstreams.push({ upstream: { address, port: port.PublishedPort, dyno }, processType, slot: task.Slot });
  }
  return upstreams.sort((a, b) => (a.processType === b.processType ? a.slot - b.slot : a.processType < b.processType ? -1 : 1)).map((entry) => entry.upstream);
}
