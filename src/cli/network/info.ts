import { printNetworkInfo } from "../../plugins/network/networks";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:info",
  description: "Outputs information about a docker network",
  usage: "<network> [--format text|json]",
  args: {
    network: { type: "positional", required: false },
    format: { type: "string", valueHint: "text|json", description: "output format: text or json" },
  },
  run: (args, ctx) => printNetworkInfo(ctx, args.network, args.format),
});
