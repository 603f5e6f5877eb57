/**
 * Builds the plugins we ship: `bun plugins-wasm/build.ts [name...]` (all when none) turns each
 * `plugins-wasm/<name>/` into `plugins-wasm/<name>/dist/`, an installable plugin directory
 * (plugin.toml with the module's sha256 + the .wasm). A folder with `assembly/` is AssemblyScript
 * (build-as.ts), one with `*.c` is C (build-c.ts).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const PLUGINS_DIR = resolve(import.meta.dir);

export interface BuiltPlugin {
  readonly dir: string;
  readonly wasm: string;
  readonly sha256: string;
  readonly bytes: number;
}

export type PluginLanguage = "assemblyscript" | "c";

/** Which builder a plugin folder needs, or null when it holds no plugin source. */
export function pluginLanguage(dir: string): PluginLanguage | null {
  if (!existsSync(join(dir, "plugin.toml"))) return null;
  if (existsSync(join(dir, "assembly"))) return "assemblyscript";
  if (readdirSync(dir).some((name) => name.endsWith(".c"))) return "c";
  return null;
}

/** The shipped plugins' names: every folder with a plugin.toml and sources. */
export function shippedPlugins(root: string = PLUGINS_DIR): string[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && pluginLanguage(join(root, name)) !== null)
    .sort();
}

/** Builds `plugins-wasm/<name>` into `outDir` (default its `dist/`). */
export async function buildPlugin(name: string, outDir?: string, root: string = PLUGINS_DIR): Promise<BuiltPlugin> {
  const dir = join(root, name);
  const language = pluginLanguage(dir);
  if (language === null) throw new Error(`plugins-wasm/${name}: no plugin.toml with assembly/ or *.c sources`);
  const out = outDir ?? join(dir, "dist");
  if (language === "assemblyscript") {
    const { buildAsPlugin } = await import("./build-as");
    return buildAsPlugin(dir, out);
  }
  // The C builder lives beside this file (plugins-wasm/build-c.ts).
  const builder = (await import(join(import.meta.dir, "build-c.ts"))) as {
    buildCPlugin(dir: string, out: string): Promise<BuiltPlugin>;
  };
  return builder.buildCPlugin(dir, out);
}

if (import.meta.main) {
  const names = process.argv.slice(2);
  try {
    for (const name of names.length > 0 ? names : shippedPlugins()) {
      const built = await buildPlugin(name);
      process.stdout.write(`${name}: ${built.wasm} (${built.bytes} bytes, sha256 ${built.sha256})\n`);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
