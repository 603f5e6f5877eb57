import { dokkuCommand } from "../define-command";
import { parseFormat } from "../../core/report";
import { pluginListJson, pluginListLines } from "../../wasm/plugin-report";
import { listInstalledPlugins } from "../../wasm/registry";

export default dokkuCommand({
  name: "plugin:list",
  description: "List installed WASM plugins: version, state, triggers, commands, granted permissions",
  recovery: true,
  args: {
    format: { type: "string", valueHint: "stdout|json", description: "Output format: stdout (default) or json" },
  },
  run(args, ctx) {
    const plugins = listInstalledPlugins(ctx.paths);
    if (parseFormat(args.format) === "json") return ctx.out.print(pluginListJson(plugins));
    if (plugins.length === 0) return ctx.out.warn("No WASM plugins installed");
    ctx.out.print(pluginListLines(plugins).join("\n"));
  },
});
