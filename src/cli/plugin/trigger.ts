import { dokkuCommand } from "../define-command";
import { fireTriggerCommand } from "../../triggers/fire-trigger";

export default dokkuCommand({
  name: "plugin:trigger",
  rootOnly: true,
  description:
    "Trigger an arbitrary plugin hook: with Dokku's positional arguments (printed as Dokku prints them), or with a JSON payload (printed as JSON)",
  usage: "<trigger> [<args...>|<json-payload>]",
  args: {
    trigger: { type: "positional", required: false, description: "The trigger's name" },
    payload: { type: "positional", required: false, description: "The payload, as JSON, or Dokku's arguments" },
  },
  // raw words: an argument such as `--global` or `-1` is the trigger's, not a flag
  async run(_args, ctx, rawArgs) {
    for (const line of await fireTriggerCommand(ctx, rawArgs)) ctx.out.print(line);
  },
});
