import { checkDeployLock } from "../../plugins/apps/deploy-lock";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:locked",
  description: "Checks if an app is locked for deployment",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => checkDeployLock(ctx, args.app),
});
