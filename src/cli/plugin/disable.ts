import { dokkuCommand } from "../define-command";
import { setPluginEnabled } from "../../wasm/lifecycle";

export default dokkuCommand({
  name: "plugin:disable",
  rootOnly: true,
  description: "Disable a WASM plugin: it stays installed but handles no trigger and adds no command",
  args: { name: { type: "positional", required: false, description: "The installed plugin" } },
  run: (args, ctx) => setPluginEnabled(ctx, args.name, false),
});
