import { startApps } from "../../plugins/ps/lifecycle";
import { dokkuCommand } from "../define-command";
import { TARGET_ARGS, targetsOf } from "./args";

export default dokkuCommand({
  name: "ps:start",
  description: "Start an app",
  usage: "[--parallel count] [--all|<app>]",
  args: TARGET_ARGS,
  run: (args, ctx) => startApps(ctx, targetsOf(args)),
});
