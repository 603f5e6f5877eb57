import { buildpackFlags, setBuildpackCommand } from "../../plugins/buildpacks/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "buildpacks:set",
  description:
    "Set new app buildpack at a given position defaulting to the first buildpack if no index is specified; with --replace, replace the entire ordered buildpack list",
  usage: "[--index 1] [--replace] <app> <buildpack> [<buildpack> ...]",
  args: {
    app: { type: "positional", required: false },
    index: { type: "string", description: "the 1-based index of the URL in the list of URLs" },
    replace: { type: "boolean", description: "replace the entire ordered buildpack list" },
  },
  appArgument: (rawArgs) => buildpackFlags(rawArgs, ["index", "replace"]).rest[0],
  run: (_args, ctx, rawArgs) => setBuildpackCommand(ctx, rawArgs),
});
