/**
 * What plugin:list and plugin:report show about installed plugins. The texts a plugin's author
 * wrote (its description) and where it came from are shown through terminalText. Pure.
 */
import type { Report } from "../core/report";
import { terminalText } from "../core/terminal-text";
import { describeGrants, describePermissions } from "./permissions";
import type { InstalledPlugin } from "./types";

const HEADER = ["plugin", "version", "enabled", "triggers", "commands", "permissions"] as const;

function names(items: readonly { name: string }[]): string {
  return items.length === 0 ? "-" : items.map((item) => item.name).join(",");
}

/** The plugin:list table: a header row, then one aligned row per plugin. */
export function pluginListLines(plugins: readonly InstalledPlugin[]): string[] {
  const rows = plugins.map((plugin) => [
    plugin.manifest.name,
    plugin.manifest.version,
    plugin.enabled ? "enabled" : "disabled",
    names(plugin.manifest.triggers),
    names(plugin.manifest.commands),
    describeGrants(plugin.grants),
  ]);
  const all = [[...HEADER], ...rows];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => (row[column] as string).length)));
  return all.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] as number)).join("  ")}`.trimEnd());
}

/**
 * The plugin:list --format json document, as Dokku's: the core plugins (`core: true`, always
 * enabled, the binary's version), then the WASM plugins with what they add, ask for and were granted.
 */
export function pluginListJson(plugins: readonly InstalledPlugin[], core: CorePluginNames): string {
  const corePlugins = [...core.names].sort().map((name) => ({
    name,
    version: core.version,
    enabled: true,
    core: true,
    description: `dokku core ${name} plugin`,
    source_url: "",
    committish: "",
    branch: "",
  }));
  const wasmPlugins = plugins.map((plugin) => ({
    name: plugin.manifest.name,
    version: plugin.manifest.version,
    enabled: plugin.enabled,
    core: false,
    description: terminalText(plugin.manifest.description),
    source_url: terminalText(plugin.source),
    committish: "",
    branch: "",
    triggers: plugin.manifest.triggers.map((trigger) => trigger.name),
    commands: plugin.manifest.commands.map((command) => command.name),
    permissions: plugin.manifest.permissions,
    grants: plugin.grants,
    source: terminalText(plugin.source),
  }));
  return JSON.stringify([...corePlugins, ...wasmPlugins]);
}

/** The core plugins plugin:list names beside the WASM ones. */
export interface CorePluginNames {
  readonly names: Iterable<string>;
  readonly version: string;
}

/** plugin:report for one plugin. */
export function pluginReport(plugin: InstalledPlugin): Report {
  const { manifest } = plugin;
  return {
    type: "plugin",
    target: manifest.name,
    legacyKeys: false,
    entries: {
      "--plugin-version": manifest.version,
      "--plugin-enabled": String(plugin.enabled),
      "--plugin-description": terminalText(manifest.description),
      "--plugin-triggers": manifest.triggers.map((trigger) => `${trigger.name}@${trigger.version}`).join(" "),
      "--plugin-commands": manifest.commands.map((command) => command.name).join(" "),
      "--plugin-permissions": describePermissions(manifest.permissions),
      "--plugin-granted": describeGrants(plugin.grants),
      "--plugin-timeout-ms": String(manifest.limits.timeoutMs),
      "--plugin-memory-mb": String(manifest.limits.memoryMb),
      "--plugin-module": manifest.module.file,
      "--plugin-sha256": manifest.module.sha256,
      "--plugin-source": terminalText(plugin.source),
      "--plugin-installed-at": plugin.installedAt,
      "--plugin-dir": terminalText(plugin.dir),
    },
  };
}
