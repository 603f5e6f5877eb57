import { showAppLogs } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";
import { parseLogsArgs } from "./args";

export default dokkuCommand({
  name: "logs",
  description: "Display recent log output",
  usage: "[-t|--tail] [-n|--num num] [-q|--quiet] [-p|--ps process] <app>",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => parseLogsArgs(rawArgs).app,
  run: (_args, ctx, rawArgs) => {
    const { app, ...options } = parseLogsArgs(rawArgs);
    return showAppLogs(ctx, app, options);
  },
});
