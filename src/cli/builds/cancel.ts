import { cancelBuild } from "../../plugins/builds/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "builds:cancel",
  description: "Cancel a running build for an app",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => cancelBuild(ctx, args.app),
});
