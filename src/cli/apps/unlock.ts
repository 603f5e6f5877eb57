import { unlockDeploys } from "../../plugins/apps/deploy-lock";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:unlock",
  description: "Unlocks an app for deployment",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => unlockDeploys(ctx, args.app),
});
