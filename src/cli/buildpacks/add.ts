import { addBuildpackCommand, buildpackFlags } from "../../plugins/buildpacks/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "buildpacks:add",
  description: "Add new app buildpack while inserting into list of buildpacks if necessary",
  usage: "[--index 1] <app> <buildpack>",
  args: {
    app: { type: "positional", required: false },
    index: { type: "string", description: "the 1-based index of the URL in the list of URLs" },
  },
  appArgument: (rawArgs) => buildpackFlags(rawArgs, ["index"]).rest[0],
  run: (_args, ctx, rawArgs) => addBuildpackCommand(ctx, rawArgs),
});
