import type { DockerClient } from "./client";

/**
 * The Docker Swarm effects of the scheduler-swarm plugin, over dockerode: this engine's swarm
 * state, `swarm init`, the join tokens and the node list. Types cover the fields we read.
 */

/** This engine's part in a swarm, from `docker info`. */
export interface SwarmState {
  /** `inactive`, `pending`, `active`, `error` or `locked`. */
  readonly localNodeState: string;
  readonly nodeId: string;
  readonly nodeAddr: string;
  /** Whether this node is a manager (can answer swarm API calls). */
  readonly controlAvailable: boolean;
  /** Managers known to this node: node id and `<addr>:<port>`. */
  readonly remoteManagers: readonly { readonly nodeId: string; readonly addr: string }[];
  readonly error: string;
}

interface InfoSwarm {
  LocalNodeState?: string;
  NodeID?: string;
  NodeAddr?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: Array<{ NodeID?: string; Addr?: string }> | null;
}

export async function swarmState(docker: DockerClient): Promise<SwarmState> {
  const swarm = ((await docker.info()) as { Swarm?: InfoSwarm }).Swarm ?? {};
  return {
    localNodeState: swarm.LocalNodeState ?? "inactive",
    nodeId: swarm.NodeID ?? "",
    nodeAddr: swarm.NodeAddr ?? "",
    controlAvailable: swarm.ControlAvailable === true,
    remoteManagers: (swarm.RemoteManagers ?? []).map((manager) => ({
      nodeId: manager.NodeID ?? "",
      addr: manager.Addr ?? "",
    })),
    error: swarm.Error ?? "",
  };
}

/** `docker swarm init`: makes this engine the manager of a new single-node swarm; returns its node id. */
export async function initSwarm(
  docker: DockerClient,
  options: { advertiseAddr: string; listenAddr: string },
): Promise<string> {
  const nodeId: unknown = await docker.swarmInit({
    AdvertiseAddr: options.advertiseAddr,
    ListenAddr: options.listenAddr,
  });
  return typeof nodeId === "string" ? nodeId : "";
}

/** The token a worker joins this swarm with (managers only). */
export async function workerJoinToken(docker: DockerClient): Promise<string> {
  const swarm = (await docker.swarmInspect()) as { JoinTokens?: { Worker?: string } };
  return swarm.JoinTokens?.Worker ?? "";
}

/** A swarm node, as `docker node ls` shows it. */
export interface SwarmNode {
  readonly id: string;
  readonly hostname: string;
  readonly role: string;
  readonly availability: string;
  readonly state: string;
  readonly address: string;
  /** `leader`, `reachable` or `unreachable` for managers; empty for workers. */
  readonly managerStatus: string;
  readonly engineVersion: string;
}

interface ApiNode {
  ID?: string;
  Spec?: { Role?: string; Availability?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string };
}

/** Every node of the swarm (managers only). */
export async function listSwarmNodes(docker: DockerClient): Promise<SwarmNode[]> {
  const nodes = (await docker.listNodes()) as ApiNode[];
  return nodes.map((node) => ({
    id: node.ID ?? "",
    hostname: node.Description?.Hostname ?? "",
    role: node.Spec?.Role ?? "",
    availability: node.Spec?.Availability ?? "",
    state: node.Status?.State ?? "",
    address: node.Status?.Addr ?? "",
    managerStatus: node.ManagerStatus
      ? node.ManagerStatus.Leader
        ? "leader"
        : (node.ManagerStatus.Reachability ?? "")
      : "",
    engineVersion: node.Description?.Engine?.EngineVersion ?? "",
  }));
}
