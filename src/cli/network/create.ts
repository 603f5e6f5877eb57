import { createDokkuNetwork } from "../../plugins/network/networks";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:create",
  description: "Creates an attachable docker network",
  usage: "<network>",
  args: { network: { type: "positional", required: false } },
  // the word as typed: a bad name such as `-bad` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => createDokkuNetwork(ctx, rawArgs[0]),
});
