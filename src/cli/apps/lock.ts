import { lockDeploys } from "../../plugins/apps/deploy-lock";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:lock",
  description: "Locks an app for deployment",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => lockDeploys(ctx, args.app),
});
