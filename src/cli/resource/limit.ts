import { setResources } from "../../plugins/resource/commands";
import { parseResourceArgs } from "../../builders/resource-args";
import { dokkuCommand } from "../define-command";
import { RESOURCE_ARGS, RESOURCE_USAGE } from "./args";

export default dokkuCommand({
  name: "resource:limit",
  description: "Limit resources for a given app/process-type combination",
  usage: RESOURCE_USAGE,
  args: RESOURCE_ARGS,
  appArgument: (rawArgs) => parseResourceArgs(rawArgs, true).app,
  run: (_args, ctx, rawArgs) => setResources(ctx, rawArgs, "limit"),
});
