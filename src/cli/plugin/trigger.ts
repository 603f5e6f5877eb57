import { dokkuCommand } from "../define-command";
import { fireTriggerJson } from "../../wasm/fire-trigger";

export default dokkuCommand({
  name: "plugin:trigger",
  rootOnly: true,
  description: "Fire a trigger with a JSON payload (checked against its schema) and print the combined result as JSON",
  usage: "<trigger> <json-payload>",
  args: {
    trigger: { type: "positional", required: false, description: "The trigger's name" },
    payload: { type: "positional", required: false, description: "The payload, as JSON" },
  },
  async run(args, ctx) {
    ctx.out.print(await fireTriggerJson(ctx, args.trigger, args.payload));
  },
});
