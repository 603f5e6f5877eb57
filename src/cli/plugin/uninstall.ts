import { dokkuCommand } from "../define-command";
import { uninstallPlugin } from "../../wasm/lifecycle";

export default dokkuCommand({
  name: "plugin:uninstall",
  rootOnly: true,
  description: "Uninstall a WASM plugin; its properties stay unless --purge",
  args: {
    name: { type: "positional", required: false, description: "The installed plugin" },
    purge: { type: "boolean", description: "Also remove the plugin's properties (config/<name>)" },
  },
  run: (args, ctx) => uninstallPlugin(ctx, args.name, args.purge === true),
});
