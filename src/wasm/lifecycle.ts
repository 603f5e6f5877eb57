/** plugin:enable, plugin:disable, plugin:uninstall: changes to the index (and the plugin's directory). */
import { rmSync } from "node:fs";
import type { Context } from "../core/context";
import { fail } from "../core/errors";
import { propertiesDir } from "../core/paths";
import { removePluginProperties } from "../store/plugin-properties";
import { listInstalledPlugins, withRegistryLock, writeIndex } from "./registry";
import type { InstalledPlugin } from "./types";

function requireName(name: string | undefined): string {
  if (name === undefined || name === "") fail("Please specify a plugin name", "usage");
  return name;
}

function locate(ctx: Context, name: string): { installed: InstalledPlugin[]; plugin: InstalledPlugin } {
  const installed = listInstalledPlugins(ctx.paths);
  const plugin = installed.find((item) => item.manifest.name === name);
  if (!plugin) fail(`Plugin ${name} is not installed`, "plugin-missing");
  return { installed, plugin };
}

/** `plugin:enable` / `plugin:disable`: a disabled plugin stays installed but handles nothing and adds no commands. */
export function setPluginEnabled(ctx: Context, nameArg: string | undefined, enabled: boolean): Promise<void> {
  const name = requireName(nameArg);
  const word = enabled ? "enabled" : "disabled";
  if (locate(ctx, name).plugin.enabled === enabled)
    return Promise.resolve(ctx.out.step(`Plugin ${name} is already ${word}`));
  return withRegistryLock(ctx, () => {
    const { installed, plugin } = locate(ctx, name);
    writeIndex(
      ctx,
      installed.map((item) => (item === plugin ? { ...item, enabled } : item)),
    );
    ctx.out.step(`Plugin ${name} ${word}`);
  });
}

/** `plugin:uninstall [--purge]`: removes the plugin; its properties stay unless purged. */
export function uninstallPlugin(ctx: Context, nameArg: string | undefined, purge: boolean): Promise<void> {
  const name = requireName(nameArg);
  locate(ctx, name);
  return withRegistryLock(ctx, () => {
    const { installed, plugin } = locate(ctx, name);
    ctx.out.step(`Uninstalling plugin ${name} ${plugin.manifest.version}`);
    writeIndex(
      ctx,
      installed.filter((item) => item !== plugin),
    );
    rmSync(plugin.dir, { recursive: true, force: true });
    if (purge) {
      removePluginProperties(propertiesDir(ctx.paths), name);
      ctx.out.detail(`removed its properties (config/plugins/${name})`);
    }
    ctx.out.step(`Plugin ${name} uninstalled`);
  });
}
