import { stopApps } from "../../plugins/ps/lifecycle";
import { dokkuCommand } from "../define-command";
import { TARGET_ARGS, targetsOf } from "./args";

export default dokkuCommand({
  name: "ps:stop",
  description: "Stop an app",
  usage: "[--parallel count] [--all|<app>]",
  args: TARGET_ARGS,
  run: (args, ctx) => stopApps(ctx, targetsOf(args)),
});
