import { checkNetworkExists } from "../../plugins/network/networks";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:exists",
  description: "Checks if a docker network exists",
  usage: "<network>",
  args: { network: { type: "positional", required: false } },
  run: (args, ctx) => checkNetworkExists(ctx, args.network),
});
