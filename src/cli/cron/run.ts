import { runCronTask } from "../../plugins/cron/run-task";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "cron:run",
  description: "Run a cron task on the fly",
  usage: "<app> <cron_id> [--detach] [--ttl-seconds SECONDS]",
  args: {
    app: { type: "positional", required: false },
    id: { type: "positional", required: false },
    detach: { type: "boolean", description: "run the container in a detached mode" },
    "ttl-seconds": {
      type: "string",
      valueHint: "SECONDS",
      description: "seconds the task may run before it is reaped",
    },
  },
  run: (args, ctx) =>
    runCronTask(ctx, { app: args.app, id: args.id, detach: args.detach === true, ttlSeconds: args["ttl-seconds"] }),
});
