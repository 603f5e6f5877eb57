import { showNginxLogs } from "../../plugins/nginx/logs";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "nginx:access-logs",
  description: "Show the nginx access logs for an application (-t follows)",
  args: {
    app: { type: "positional", required: false },
    tail: { type: "boolean", alias: "t", description: "follow the log" },
  },
  usage: "<app> [-t]",
  run: (args, ctx) => showNginxLogs(ctx, "access", args.app, args.tail === true),
});
