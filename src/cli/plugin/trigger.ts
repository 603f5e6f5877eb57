import { dokkuCommand } from "../define-command";
import { fireTriggerCommand } from "../../wasm/fire-trigger";

export default dokkuCommand({
  name: "plugin:trigger",
  rootOnly: true,
  description:
    "Fire a trigger with a JSON payload (checked against its schema) and print the combined result as JSON, or with Dokku's positional arguments and print it as Dokku does",
  usage: "<trigger> <json-payload> | <trigger> [<arg>...]",
  args: {
    trigger: { type: "positional", required: false, description: "The trigger's name" },
    payload: { type: "positional", required: false, description: "The payload, as JSON, or Dokku's arguments" },
  },
  // raw words: an argument such as `--global` or `-1` is the trigger's, not a flag
  async run(_args, ctx, rawArgs) {
    for (const line of await fireTriggerCommand(ctx, rawArgs)) ctx.out.print(line);
  },
});
