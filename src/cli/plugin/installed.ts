import { fail } from "../../core/errors";
import { findInstalledPlugin } from "../../wasm/registry";
import { dokkuCommand } from "../define-command";
import { reservedNames } from "./reserved-names";

export default dokkuCommand({
  name: "plugin:installed",
  description: "Checks if a plugin is installed (core or WASM, enabled or not)",
  usage: "<name>",
  recovery: true,
  args: { name: { type: "positional", required: false, description: "A plugin name" } },
  run(args, ctx) {
    const name = args.name;
    if (name === undefined || name === "") fail("Please specify a plugin name", "usage");
    if (reservedNames().plugins.has(name) || findInstalledPlugin(ctx.paths, name) !== undefined) return;
    fail(`Plugin ${name} is not installed`, "plugin-missing");
  },
});
