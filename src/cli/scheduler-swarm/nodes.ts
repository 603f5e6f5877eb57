import { listNodes } from "../../plugins/scheduler-swarm/nodes";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "scheduler-swarm:nodes",
  description: "List the nodes of the swarm this host manages",
  usage: "[--format stdout|json]",
  args: {
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  run: (args, ctx) => listNodes(ctx, args.format),
});
