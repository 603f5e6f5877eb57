import { dokkuCommand } from "../define-command";
import { printReport } from "../../core/report";
import { parseReportArgs } from "../../core/report-args";
import { pluginReport } from "../../wasm/plugin-report";
import { listInstalledPlugins, requireInstalledPlugin } from "../../wasm/registry";

export default dokkuCommand({
  name: "plugin:report",
  description: "Display what a WASM plugin is, asks for and was granted",
  recovery: true,
  usage: "[<name>] [--format stdout|json] [<flag>]",
  args: {
    name: { type: "positional", required: false, description: "The installed plugin; all when absent" },
    format: { type: "string", valueHint: "stdout|json", description: "Output format: stdout or json" },
  },
  run(_args, ctx, rawArgs) {
    const args = parseReportArgs(rawArgs, "plugin");
    const options = { format: args.format, flag: args.infoFlag };
    const plugins =
      args.app !== undefined ? [requireInstalledPlugin(ctx.paths, args.app)] : listInstalledPlugins(ctx.paths);
    if (plugins.length === 0) return ctx.out.warn("No WASM plugins installed");
    for (const plugin of plugins) printReport(ctx.out, pluginReport(plugin), options);
  },
});
