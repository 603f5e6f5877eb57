import { runOneOffCommand } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";
import { parseRunArgs } from "./args";

export default dokkuCommand({
  name: "run:detached",
  description: "Run a one-off process in the background",
  usage: "[-e|--env KEY=VALUE] <app> <cmd>",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => parseRunArgs(rawArgs).app,
  run: (_args, ctx, rawArgs) => runOneOffCommand(ctx, { ...parseRunArgs(rawArgs), tty: false, detached: true }),
});
