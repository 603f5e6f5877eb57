import { showFailedLogs } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "logs:failed",
  description: "Shows the last failed deploy logs",
  usage: "[--all|<app>]",
  args: {
    app: { type: "positional", required: false },
    all: { type: "boolean", description: "every app" },
  },
  run: (args, ctx) => showFailedLogs(ctx, args.app, args.all === true),
});
