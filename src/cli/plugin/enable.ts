import { dokkuCommand } from "../define-command";
import { setPluginEnabled } from "../../wasm/lifecycle";

export default dokkuCommand({
  name: "plugin:enable",
  rootOnly: true,
  description: "Enable an installed WASM plugin",
  args: { name: { type: "positional", required: false, description: "The installed plugin" } },
  run: (args, ctx) => setPluginEnabled(ctx, args.name, true),
});
