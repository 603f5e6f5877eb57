import { dokkuCommand } from "../define-command";
import { setPluginEnabled } from "../../wasm/lifecycle";
import { findInstalledPlugin } from "../../wasm/registry";
import { rebuildProxyConfigs, shapesProxyConfigs } from "./rebuild-proxies";

export default dokkuCommand({
  name: "plugin:enable",
  rootOnly: true,
  description: "Enable an installed WASM plugin",
  recovery: true,
  args: { name: { type: "positional", required: false, description: "The installed plugin" } },
  async run(args, ctx) {
    const before = args.name ? findInstalledPlugin(ctx.paths, args.name) : undefined;
    await setPluginEnabled(ctx, args.name, true);
    if (before?.enabled !== true && shapesProxyConfigs(before)) await rebuildProxyConfigs(ctx);
  },
});
