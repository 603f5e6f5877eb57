import { rebuildAppNetwork } from "../../plugins/network/rebuild";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:rebuild",
  description: "Rebuilds network settings for an app",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => rebuildAppNetwork(ctx, args.app),
});
