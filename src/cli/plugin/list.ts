import { dokkuCommand } from "../define-command";
import { fail } from "../../core/errors";
import { VERSION } from "../../core/version";
import { pluginListJson, pluginListLines } from "../../wasm/plugin-report";
import { listInstalledPlugins } from "../../wasm/registry";
import { reservedNames } from "./reserved-names";

export default dokkuCommand({
  name: "plugin:list",
  description: "Print installed plugins: the WASM ones with version, state, triggers, commands, granted permissions",
  recovery: true,
  args: {
    format: {
      type: "string",
      valueHint: "stdout|json",
      description: "Output format: stdout (default) or json (core plugins too)",
    },
  },
  run(args, ctx) {
    const format = args.format ?? "stdout";
    if (format !== "stdout" && format !== "json")
      fail(`Invalid output format specified: ${format}; supported formats: stdout, json`, "usage");
    const plugins = listInstalledPlugins(ctx.paths);
    if (format === "json")
      return ctx.out.print(pluginListJson(plugins, { names: reservedNames().plugins, version: VERSION }));
    if (plugins.length === 0) return ctx.out.warn("No WASM plugins installed");
    ctx.out.print(pluginListLines(plugins).join("\n"));
  },
});
