import { listCronTasks } from "../../plugins/cron/list";
import { GLOBAL } from "../../store/property-store";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "cron:list",
  description: "List scheduled cron tasks for an app",
  usage: "<app>|--global [--format json|stdout]",
  args: {
    app: { type: "positional", required: false },
    global: { type: "boolean", description: "list the global tasks" },
    format: { type: "string", valueHint: "json|stdout", description: "output format: json or stdout" },
  },
  run: (args, ctx) => listCronTasks(ctx, args.global ? GLOBAL : args.app, args.format),
});
