import { restoreApps } from "../../plugins/ps/lifecycle";
import { dokkuCommand } from "../define-command";
import { TARGET_ARGS, targetsOf } from "./args";

export default dokkuCommand({
  name: "ps:restore",
  description: "Start previously running apps e.g. after reboot",
  usage: "[--parallel count] [--all|<app>]",
  args: TARGET_ARGS,
  run: (args, ctx) => restoreApps(ctx, targetsOf(args)),
});
