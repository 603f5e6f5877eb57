import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { listSwarmNodes, swarmState } from "../../executors/docker/swarm";
import { columnize } from "../config/go-format";
import { assertNotWorker } from "./initialize";
import { nodeRows, nodesJson } from "./node-table";
import { swarmRole } from "./swarm-role";

/** `scheduler-swarm:nodes [--format stdout|json]`: the swarm's nodes, asked of this manager. */
export async function listNodes(ctx: Context, format: string | undefined): Promise<void> {
  const kind = format === undefined || format === "" ? "stdout" : format;
  if (kind !== "stdout" && kind !== "json") fail("Invalid format specified, supported formats: json, stdout");
  const docker = await ctx.docker();
  const state = await swarmState(docker);
  assertNotWorker(state, "list nodes");
  if (swarmRole(state) === "none") fail("This host is not in a swarm: run scheduler-swarm:initialize first");
  const nodes = await listSwarmNodes(docker);
  ctx.out.print(kind === "json" ? nodesJson(nodes) : columnize(nodeRows(nodes)));
}
