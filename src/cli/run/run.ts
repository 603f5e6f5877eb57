import { runOneOffCommand } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";
import { parseRunArgs } from "./args";

export default dokkuCommand({
  name: "run",
  description: "Run a one-off process inside a container",
  usage: "[-e|--env KEY=VALUE] [--no-tty] <app> <cmd>",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => parseRunArgs(rawArgs).app,
  run: (_args, ctx, rawArgs) => {
    const parsed = parseRunArgs(rawArgs);
    const tty = parsed.tty === "force" || (parsed.tty === "auto" && ctx.input.isTTY);
    return runOneOffCommand(ctx, { ...parsed, tty, detached: false });
  },
});
