import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { dockerMessage } from "../../executors/docker/networks";
import { initSwarm, swarmState, workerJoinToken, type SwarmState } from "../../executors/docker/swarm";
import { addressProblem, joinCommand, managerAddress, swarmRole, SWARM_PORT } from "./swarm-role";

export interface InitializeOptions {
  readonly advertiseAddr?: string;
  readonly listenAddr?: string;
}

/** Refuses an engine that is a worker or stuck; says nothing for a manager or a non-member. */
export function assertNotWorker(state: SwarmState, action: string): void {
  const role = swarmRole(state);
  if (role === "worker") fail(`This host is a swarm worker node: ${action} on a swarm manager`);
  if (role === "other")
    fail(
      `This host's swarm state is ${state.localNodeState}${state.error ? ` (${state.error})` : ""}: resolve it with docker before you ${action}`,
    );
}

/**
 * `scheduler-swarm:initialize --advertise-addr <addr> [--listen-addr <addr>]`: makes this host
 * the manager of a new swarm and prints the worker join command; on a manager, prints it again.
 */
export async function initializeSwarm(ctx: Context, options: InitializeOptions): Promise<void> {
  const advertiseAddr = options.advertiseAddr ?? "";
  const listenAddr = options.listenAddr ?? "";
  for (const [flag, value] of [
    ["advertise-addr", advertiseAddr],
    ["listen-addr", listenAddr],
  ] as const) {
    const problem = value === "" ? undefined : addressProblem(flag, value);
    if (problem) fail(problem);
  }
  const docker = await ctx.docker();
  let state = await swarmState(docker);
  assertNotWorker(state, "add nodes");
  if (swarmRole(state) === "manager") {
    ctx.out.step(`This host is already a swarm manager (node ${state.nodeId}), nothing to initialize`);
  } else {
    if (advertiseAddr === "") {
      fail("Please specify the address other nodes reach this manager on with --advertise-addr <ip|interface>[:port]");
    }
    const listen = listenAddr || `0.0.0.0:${SWARM_PORT}`;
    ctx.out.step(`Initializing a swarm on this host: advertising ${advertiseAddr}, listening on ${listen}`);
    try {
      await initSwarm(docker, { advertiseAddr, listenAddr: listen });
    } catch (error) {
      fail(`Could not initialize the swarm: ${dockerMessage(error)}`);
    }
    state = await swarmState(docker);
    ctx.out.detail(`This host is now the manager of a new swarm (node ${state.nodeId})`);
  }
  const token = await workerJoinToken(docker);
  ctx.out.heading("To add a worker to this swarm, run this on it:");
  ctx.out.print(joinCommand(token, managerAddress(state)));
}
