import { destroyDokkuNetwork } from "../../plugins/network/networks";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:destroy",
  description: "Destroys a docker network",
  usage: "<network> [--force]",
  args: {
    network: { type: "positional", required: false },
    force: { type: "boolean", description: "destroy without asking for the network's name" },
  },
  run: (args, ctx) => destroyDokkuNetwork(ctx, args.network, { force: args.force === true }),
});
