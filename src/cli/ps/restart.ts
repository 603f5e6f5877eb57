import { restartApps } from "../../plugins/ps/lifecycle";
import { dokkuCommand } from "../define-command";
import { TARGET_ARGS, targetsOf } from "./args";

export default dokkuCommand({
  name: "ps:restart",
  description: "Restart an app",
  usage: "[--parallel count] [--all|<app>] [<process-name>]",
  args: { ...TARGET_ARGS, process: { type: "positional", required: false } },
  run: (args, ctx) => restartApps(ctx, targetsOf(args), args.process),
});
