import type { SwarmNode } from "../../executors/docker/swarm";

const MANAGER_STATUS: Readonly<Record<string, string>> = {
  leader: "Leader",
  reachable: "Reachable",
  unreachable: "Unreachable",
};

function byHostname(a: SwarmNode, b: SwarmNode): number {
  const key = (node: SwarmNode) => `${node.hostname}\u0000${node.id}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** `scheduler-swarm:nodes` rows, header first, nodes by hostname. Pure. */
export function nodeRows(nodes: readonly SwarmNode[]): string[][] {
  const rows = [...nodes]
    .sort(byHostname)
    .map((node) => [
      node.id,
      node.hostname,
      node.role,
      node.availability,
      node.state,
      MANAGER_STATUS[node.managerStatus] ?? node.managerStatus,
      node.engineVersion,
    ]);
  return [["ID", "Hostname", "Role", "Availability", "State", "Manager Status", "Engine Version"], ...rows];
}

/** `scheduler-swarm:nodes --format json`: one object per node, by hostname. Pure. */
export function nodesJson(nodes: readonly SwarmNode[]): string {
  return JSON.stringify(
    [...nodes].sort(byHostname).map((node) => ({
      id: node.id,
      hostname: node.hostname,
      role: node.role,
      availability: node.availability,
      state: node.state,
      address: node.address,
      manager_status: node.managerStatus,
      engine_version: node.engineVersion,
    })),
  );
}
