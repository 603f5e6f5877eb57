/**
 * Where a WASM plugin's own properties live: `config/plugins/<plugin>/<app|--global>/<key>`
 * (pluginProperties). Until issue 12 they lived beside the core's, at `config/<plugin>/`, where a
 * plugin named like a core namespace (`app-json`) wrote properties the core reads at deploy.
 * A plugin's folder from then is moved into place on its first use; a folder named like a core
 * namespace is the core's and is never moved, removed or read as a plugin's.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { CORE_PROPERTY_NAMESPACES, PLUGIN_PROPERTIES_DIR } from "../core/state-names";
import { ensureDir } from "./atomic-write";
import type { StateOwner } from "./ownership";
import { isDirectory, pluginProperties } from "./property-store";

/** Whether `config/<name>` may hold a plugin's properties from before they had their own store. Pure. */
export function mayHoldLegacyProperties(name: string): boolean {
  return name !== PLUGIN_PROPERTIES_DIR && !(CORE_PROPERTY_NAMESPACES as readonly string[]).includes(name);
}

/**
 * Moves `config/<plugin>/` to `config/plugins/<plugin>/` when only the old one exists. One
 * rename: a crash leaves either place, never half of each; a concurrent command that moved it
 * first leaves nothing to do.
 */
export function migratePluginProperties(configRoot: string, plugin: string, owner?: StateOwner): void {
  const store = pluginProperties(configRoot, owner);
  const legacy = `${configRoot}/${plugin}`;
  const target = store.namespaceDir(plugin);
  if (!mayHoldLegacyProperties(plugin) || !isDirectory(legacy) || isDirectory(target)) return;
  // an app named like the plugin before that was refused keeps its config there
  if (isAppConfigDir(legacy)) return;
  ensureDir(store.root, owner);
  try {
    renameSync(legacy, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // another command moved it (ENOENT), or wrote the new place first (EEXIST, ENOTEMPTY)
    if (code !== "ENOENT" && code !== "EEXIST" && code !== "ENOTEMPTY") throw error;
  }
}

/** `plugin:uninstall --purge`: every property of the plugin, in its store and from before. */
export function removePluginProperties(configRoot: string, plugin: string): void {
  rmSync(pluginProperties(configRoot).namespaceDir(plugin), { recursive: true, force: true });
  if (mayHoldLegacyProperties(plugin) && !isAppConfigDir(`${configRoot}/${plugin}`))
    rmSync(`${configRoot}/${plugin}`, { recursive: true, force: true });
}

/** Whether `config/<name>` is an app's config folder (it holds Dokku's `ENV`), never a plugin's properties. */
function isAppConfigDir(dir: string): boolean {
  return existsSync(`${dir}/ENV`);
}
