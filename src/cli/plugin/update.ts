import { dokkuCommand } from "../define-command";
import { fail } from "../../core/errors";
import { parseInstallArgs } from "../../wasm/install-args";
import { updatePlugin } from "../../wasm/install";
import { GRANT_ARGS, GRANT_USAGE } from "./grant-args";
import { rebuildProxyConfigs, shapesProxyConfigs } from "./rebuild-proxies";
import { reservedNames } from "./reserved-names";

export default dokkuCommand({
  name: "plugin:update",
  rootOnly: true,
  description: "Update a WASM plugin from where it was installed, or from a new path or URL; keeps its grants",
  usage: `<name> [<path|url>] ${GRANT_USAGE}`,
  args: {
    name: { type: "positional", required: false, description: "The installed plugin" },
    source: { type: "positional", required: false, description: "A plugin directory, archive or URL" },
    ...GRANT_ARGS,
  },
  async run(_args, ctx, rawArgs) {
    const { words, grants } = parseInstallArgs(rawArgs, { allowName: false });
    const [name, source, extra] = words;
    if (name === undefined) fail("Please specify a plugin name", "usage");
    if (extra !== undefined) fail(`Unexpected argument ${extra}`, "usage");
    const installed = await updatePlugin(ctx, name, { source, grants, cwd: process.cwd(), reserved: reservedNames() });
    if (installed.enabled && shapesProxyConfigs(installed)) await rebuildProxyConfigs(ctx);
  },
});
