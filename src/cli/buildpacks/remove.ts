import { buildpackFlags, removeBuildpackCommand } from "../../plugins/buildpacks/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "buildpacks:remove",
  description: "Remove a buildpack set on the app",
  usage: "[--index 1] <app> <buildpack>",
  args: {
    app: { type: "positional", required: false },
    index: { type: "string", description: "the 1-based index of the URL in the list of URLs" },
  },
  appArgument: (rawArgs) => buildpackFlags(rawArgs, ["index"]).rest[0],
  run: (_args, ctx, rawArgs) => removeBuildpackCommand(ctx, rawArgs),
});
