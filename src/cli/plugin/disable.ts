import { dokkuCommand } from "../define-command";
import { setPluginEnabled } from "../../wasm/lifecycle";
import { findInstalledPlugin } from "../../wasm/registry";
import { rebuildProxyConfigs, shapesProxyConfigs } from "./rebuild-proxies";

export default dokkuCommand({
  name: "plugin:disable",
  rootOnly: true,
  description: "Disable a WASM plugin: it stays installed but handles no trigger and adds no command",
  recovery: true,
  args: { name: { type: "positional", required: false, description: "The installed plugin" } },
  async run(args, ctx) {
    const before = args.name ? findInstalledPlugin(ctx.paths, args.name) : undefined;
    await setPluginEnabled(ctx, args.name, false);
    if (before?.enabled !== false && shapesProxyConfigs(before)) await rebuildProxyConfigs(ctx);
  },
});
