import { enterApp } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";
import { parseEnterArgs } from "./args";

export default dokkuCommand({
  name: "enter",
  description: "Connect to a specific app container",
  usage: "<app> [<container-type>|<type>.<n>|--container-id <container-id>] [-- <cmd>]",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => parseEnterArgs(rawArgs).app,
  run: (_args, ctx, rawArgs) => enterApp(ctx, { ...parseEnterArgs(rawArgs), tty: ctx.input.isTTY }),
});
