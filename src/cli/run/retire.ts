import { retireRuns } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "run:retire",
  description: "Stop all run containers for an app that have exceeded their active deadline (--ttl-seconds)",
  args: { app: { type: "positional", required: false } },
  usage: "[<app>]",
  run: (args, ctx) => retireRuns(ctx, args.app),
});
