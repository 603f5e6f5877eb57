import type { SwarmState } from "../../executors/docker/swarm";

/** The swarm port managers listen on unless told otherwise. */
export const SWARM_PORT = 2377;

/** What this engine is in a swarm: not in one, a manager, a worker, or stuck (pending, locked, error). Pure. */
export function swarmRole(
  state: Pick<SwarmState, "localNodeState" | "controlAvailable">,
): "none" | "manager" | "worker" | "other" {
  if (state.localNodeState === "inactive") return "none";
  if (state.localNodeState !== "active") return "other";
  return state.controlAvailable ? "manager" : "worker";
}

/** The `<addr>:<port>` workers join this manager on: its entry among the managers, else its node address. Pure. */
export function managerAddress(state: Pick<SwarmState, "nodeId" | "nodeAddr" | "remoteManagers">): string {
  const own = state.remoteManagers.find((manager) => manager.nodeId === state.nodeId && manager.addr !== "");
  if (own) return own.addr;
  const host = state.nodeAddr.includes(":") ? `[${state.nodeAddr}]` : state.nodeAddr;
  return `${host}:${SWARM_PORT}`;
}

/** The command a worker runs to join. Pure. */
export function joinCommand(token: string, address: string): string {
  return `docker swarm join --token ${token} ${address}`;
}

const IPV4 = "(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)";
const INTERFACE = "[A-Za-z][A-Za-z0-9_.-]{0,14}";
const PORT = "(?::(\\d{1,5}))?";
const ADDRESS = new RegExp(`^(?:${IPV4}|${INTERFACE}|\\[[0-9A-Fa-f:.]+\\])${PORT}$`);
const BARE_IPV6 = /^[0-9A-Fa-f]*:[0-9A-Fa-f:]*:[0-9A-Fa-f.]*$/;

/** Why an `--advertise-addr` / `--listen-addr` value is refused (an IP or interface, optional :port); undefined when valid. Pure. */
export function addressProblem(flag: string, value: string): string | undefined {
  const match = ADDRESS.exec(value);
  const port = match?.[1];
  if ((match && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535))) || BARE_IPV6.test(value))
    return undefined;
  return `Invalid --${flag} specified: "${value}" is not an IP address or network interface, with an optional :port`;
}
