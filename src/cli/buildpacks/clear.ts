import { clearBuildpacksCommand } from "../../plugins/buildpacks/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "buildpacks:clear",
  description: "Clear all buildpacks set on the app",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => clearBuildpacksCommand(ctx, args.app),
});
