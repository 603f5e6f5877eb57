import { printNetworkList } from "../../plugins/network/networks";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:list",
  description: "Lists all docker networks",
  usage: "[--format text|json] [--dokku-managed]",
  args: {
    format: { type: "string", valueHint: "text|json", description: "output format: text or json" },
    "dokku-managed": { type: "boolean", description: "only the networks network:create made" },
  },
  run: (args, ctx) => printNetworkList(ctx, args.format, args["dokku-managed"] === true),
});
