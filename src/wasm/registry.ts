/**
 * The installed WASM plugins: `$DOKKU_LIB_ROOT/plugins/wasm/<name>/` (plugin.toml and module as
 * installed) and one index, `plugins/wasm/index.json`, the only file a normal command reads to
 * learn about plugins. The index is written atomically; install and uninstall hold a lock.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../core/context";
import { DokkuError, fail } from "../core/errors";
import type { Paths } from "../core/paths";
import { atomicWriteFileSync } from "../store/atomic-write";
import { acquireLock } from "../store/file-lock";
import type { InstalledPlugin } from "./types";

const INDEX_VERSION = 1;

/** Where installed plugins live. */
export function pluginsRoot(paths: Paths): string {
  return join(paths.libRoot, "plugins", "wasm");
}

export function indexPath(paths: Paths): string {
  return join(pluginsRoot(paths), "index.json");
}

/** The directory an installed plugin of this name lives in. */
export function pluginDir(paths: Paths, name: string): string {
  return join(pluginsRoot(paths), name);
}

/** The module file of an installed plugin. */
export function pluginModulePath(plugin: InstalledPlugin): string {
  return join(plugin.dir, plugin.manifest.module.file);
}

/** Every installed plugin, enabled or not, sorted by name; [] when nothing was ever installed. */
export function listInstalledPlugins(paths: Paths): InstalledPlugin[] {
  let text: string;
  try {
    text = readFileSync(indexPath(paths), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return parseIndex(text, indexPath(paths));
}

/** The index file's plugins, checked for the shape this host writes. Pure. */
export function parseIndex(text: string, where: string): InstalledPlugin[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return corrupt(where, "not JSON");
  }
  if (typeof data !== "object" || data === null || (data as { version?: unknown }).version !== INDEX_VERSION) {
    return corrupt(where, `not a version ${INDEX_VERSION} index`);
  }
  const plugins = (data as { plugins?: unknown }).plugins;
  if (!Array.isArray(plugins)) return corrupt(where, "no plugins list");
  for (const plugin of plugins) {
    const record = plugin as Partial<InstalledPlugin> | null;
    if (
      typeof record?.manifest?.name !== "string" ||
      typeof record.dir !== "string" ||
      typeof record.enabled !== "boolean" ||
      !record.grants
    ) {
      return corrupt(where, "an entry lacks its manifest, grants, dir or enabled state");
    }
  }
  return sortByName(plugins as InstalledPlugin[]);
}

function corrupt(where: string, why: string): never {
  throw new DokkuError(`The plugin index ${where} is corrupt (${why}); reinstall the plugins or restore the file`, {
    code: "plugin-index",
  });
}

/** The index's JSON text for these plugins. Pure. */
export function renderIndex(plugins: readonly InstalledPlugin[]): string {
  return `${JSON.stringify({ version: INDEX_VERSION, plugins: sortByName(plugins) }, null, 2)}\n`;
}

function sortByName(plugins: readonly InstalledPlugin[]): InstalledPlugin[] {
  return [...plugins].sort((a, b) =>
    a.manifest.name < b.manifest.name ? -1 : a.manifest.name > b.manifest.name ? 1 : 0,
  );
}

/** Replaces the index atomically. Call under withRegistryLock. */
export function writeIndex(ctx: Pick<Context, "paths" | "owner">, plugins: readonly InstalledPlugin[]): void {
  atomicWriteFileSync(indexPath(ctx.paths), renderIndex(plugins), { owner: ctx.owner });
}

/** One installed plugin by name, or undefined. */
export function findInstalledPlugin(paths: Paths, name: string): InstalledPlugin | undefined {
  return listInstalledPlugins(paths).find((plugin) => plugin.manifest.name === name);
}

/** One installed plugin by name, or Dokku's error. */
export function requireInstalledPlugin(paths: Paths, name: string | undefined): InstalledPlugin {
  if (name === undefined || name === "") fail("Please specify a plugin name", "usage");
  const plugin = findInstalledPlugin(paths, name);
  if (!plugin) fail(`Plugin ${name} is not installed`, "plugin-missing");
  return plugin;
}

/** Serialises writers of the registry (install, update, uninstall, enable, disable). */
export async function withRegistryLock<T>(
  ctx: Pick<Context, "paths" | "owner">,
  work: () => T | Promise<T>,
): Promise<T> {
  using _lock = await acquireLock(join(pluginsRoot(ctx.paths), ".lock"), {
    owner: ctx.owner,
    timeoutMs: 30_000,
    busyMessage: "Another plugin command is running (waited 30s for its lock)",
  });
  return await work();
}
