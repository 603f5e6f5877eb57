import type { Context } from "../../core/context";
import { dokkuCommand } from "../define-command";
import { DokkuError, fail, isDokkuError } from "../../core/errors";
import { parseInstallArgs } from "../../wasm/install-args";
import { installPlugin } from "../../wasm/install";
import { GRANT_ARGS, GRANT_USAGE } from "./grant-args";
import { rebuildProxyConfigs, shapesProxyConfigs } from "./rebuild-proxies";
import { reservedNames } from "./reserved-names";
import { installCore } from "../../runtime/migrate-state";

export default dokkuCommand({
  name: "plugin:install",
  rootOnly: true,
  description: "Install a WASM plugin from a directory, a .tar.gz/.zip or an http(s) URL, granting what it asks for",
  usage: `<path|url> [--name NAME] ${GRANT_USAGE} | --core`,
  args: {
    source: { type: "positional", required: false, description: "A plugin directory, archive or URL" },
    name: { type: "string", description: "Install under another name (plugins without commands only)" },
    ...GRANT_ARGS,
  },
  async run(_args, ctx, rawArgs) {
    // Dokku's `plugin:install --core` runs the core plugins' install steps (after an upgrade)
    if (rawArgs[0] === "--core") {
      if (rawArgs.length > 1) fail(`Unexpected argument ${rawArgs[1]}`, "usage");
      return installCore(ctx);
    }
    const installed = await retryWording(ctx, async () => {
      const { words, name, grants } = parseInstallArgs(rawArgs, { allowName: true });
      if (words.length > 1) fail(`Unexpected argument ${words[1]}`, "usage");
      return await installPlugin(ctx, {
        source: words[0] ?? "",
        name,
        grants,
        cwd: process.cwd(),
        reserved: reservedNames(ctx),
      });
    });
    if (installed.enabled && shapesProxyConfigs(installed)) await rebuildProxyConfigs(ctx);
  },
});

/** Bad arguments, and a source that does not exist or cannot be downloaded, end as in Dokku, with "Please retry with valid arguments"; the reason is the warning before it. */
async function retryWording<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDokkuError(error) || (error.code !== "usage" && error.code !== "source-unreachable")) throw error;
    ctx.out.warn(error.message);
    throw new DokkuError("Please retry with valid arguments", { code: error.code, exitCode: error.exitCode });
  }
}
