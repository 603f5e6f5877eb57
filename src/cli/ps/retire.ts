import { retireOldContainers } from "../../plugins/ps/retire";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ps:retire",
  description: "Ensures old containers are retired",
  args: { app: { type: "positional", required: false } },
  usage: "[<app>]",
  run: (args, ctx) => retireOldContainers(ctx, args.app),
});
