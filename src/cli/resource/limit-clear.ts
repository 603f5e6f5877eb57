import { clearResources } from "../../plugins/resource/commands";
import { parseResourceArgs } from "../../builders/resource-args";
import { dokkuCommand } from "../define-command";
import { CLEAR_USAGE, PROCESS_TYPE_ARGS } from "./args";

export default dokkuCommand({
  name: "resource:limit-clear",
  description: "Clear resource limits for a given app/process-type combination",
  usage: CLEAR_USAGE,
  args: PROCESS_TYPE_ARGS,
  appArgument: (rawArgs) => parseResourceArgs(rawArgs, false).app,
  run: (_args, ctx, rawArgs) => clearResources(ctx, rawArgs, "limit"),
});
