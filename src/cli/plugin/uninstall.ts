import { dokkuCommand } from "../define-command";
import { uninstallPlugin } from "../../wasm/lifecycle";
import { findInstalledPlugin } from "../../wasm/registry";
import { rebuildProxyConfigs, shapesProxyConfigs } from "./rebuild-proxies";

export default dokkuCommand({
  name: "plugin:uninstall",
  rootOnly: true,
  description: "Uninstall a WASM plugin; its properties stay unless --purge",
  recovery: true,
  args: {
    name: { type: "positional", required: false, description: "The installed plugin" },
    purge: { type: "boolean", description: "Also remove the plugin's properties (config/plugins/<name>)" },
  },
  async run(args, ctx) {
    const before = args.name ? findInstalledPlugin(ctx.paths, args.name) : undefined;
    await uninstallPlugin(ctx, args.name, args.purge === true);
    if (before?.enabled && shapesProxyConfigs(before)) await rebuildProxyConfigs(ctx);
  },
});
