/**
 * The AssemblyScript builder: a plugin folder with `plugin.toml` (no sha256) and
 * `assembly/index.ts` -> `<out>/` = an installable plugin directory. The work is the kit's build
 * script (sdk/assemblyscript/scripts/build.ts), the same one plugin authors run.
 * `plugins-wasm/build.ts` calls it for folders holding `assembly/`.
 */
import { join } from "node:path";
import { buildAsPlugin as buildWithKit, type AsBuildResult } from "../sdk/assemblyscript/scripts/build";

export type { AsBuildResult };

export function buildAsPlugin(pluginDir: string, outDir: string = join(pluginDir, "dist")): Promise<AsBuildResult> {
  return buildWithKit(pluginDir, outDir, "incremental");
}
