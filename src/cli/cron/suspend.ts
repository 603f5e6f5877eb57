import { suspendCronTask } from "../../plugins/cron/set";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "cron:suspend",
  description: "Suspend a cron task",
  usage: "<app> <cron_id>",
  args: { app: { type: "positional", required: false }, id: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: `--global` is no app here, and is refused as Dokku refuses it
  run: (_args, ctx, rawArgs) => suspendCronTask(ctx, rawArgs[0], rawArgs[1]),
});
