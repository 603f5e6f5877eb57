import { listBuildpacksCommand } from "../../plugins/buildpacks/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "buildpacks:list",
  description: "List all buildpacks for an app",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => listBuildpacksCommand(ctx, args.app),
});
