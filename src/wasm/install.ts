/**
 * plugin:install and plugin:update: read the plugin (path, directory, archive or URL), check
 * everything, then stage it next to its final place, move it in and record it in the index.
 * Nothing is written unless every check passed.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../core/context";
import { fail } from "../core/errors";
import { atomicWriteFileSync, ensureDir } from "../store/atomic-write";
import { parseManifest, PLUGIN_NAME } from "./manifest";
import { describeGrants, describePermissions, effectiveGrants, mergeGrants, missingGrants } from "./permissions";
import { checkCommandsFree, checkModule, checkModuleHash, checkNameFree, type ReservedNames } from "./plugin-checks";
import { loadPluginFiles, type PluginFiles } from "./plugin-source";
import { listInstalledPlugins, pluginDir, pluginsRoot, withRegistryLock, writeIndex } from "./registry";
import type { Grants, InstalledPlugin, PluginManifest } from "./types";

export interface InstallRequest {
  /** A path (directory, plugin.toml, .tar.gz, .zip) or an http(s) URL. */
  readonly source: string;
  /** Install under this name instead of plugin.toml's. */
  readonly name?: string;
  /** What the --allow-* flags grant. */
  readonly grants: Grants;
  readonly cwd: string;
  /** The names the core holds (the CLI builds them: cli/plugin/reserved-names). */
  readonly reserved: ReservedNames;
}

/** `plugin:install`: returns the plugin as recorded. */
export async function installPlugin(ctx: Context, request: InstallRequest): Promise<InstalledPlugin> {
  const files = await loadPluginFiles(request.source, request.cwd);
  const manifest = renamed(parseManifest(files.manifestText), request.name);
  refuseTaken(listInstalledPlugins(ctx.paths), manifest.name);
  const { module, grants } = checkPlugin(ctx, manifest, files, request.grants, request.reserved, "Installing");
  const record: InstalledPlugin = {
    manifest,
    grants,
    enabled: true,
    dir: pluginDir(ctx.paths, manifest.name),
    source: files.source,
    installedAt: ctx.now().toISOString(),
  };
  // the checks ran without the lock (a refused install writes nothing, not even a lock file); re-check under it
  await withRegistryLock(ctx, () => {
    const installed = listInstalledPlugins(ctx.paths);
    refuseTaken(installed, manifest.name);
    moveIntoPlace(ctx, record, files.manifestText, module, () => writeIndex(ctx, [...installed, record]));
  });
  ctx.out.step(`Plugin ${manifest.name} ${manifest.version} installed and enabled`);
  return record;
}

function refuseTaken(installed: readonly InstalledPlugin[], name: string): void {
  const taken = installed.find((plugin) => plugin.manifest.name === name);
  if (taken)
    fail(`Plugin ${name} is already installed (version ${taken.manifest.version}); use plugin:update`, "plugin-exists");
}

export interface UpdateRequest {
  /** Default: where it was installed from. */
  readonly source?: string;
  /** Granted on top of what the plugin already holds. */
  readonly grants: Grants;
  readonly cwd: string;
  readonly reserved: ReservedNames;
}

/** `plugin:update`: the same plugin, a new version; keeps its grants and enabled state. */
export async function updatePlugin(ctx: Context, name: string, request: UpdateRequest): Promise<InstalledPlugin> {
  if (!PLUGIN_NAME.test(name)) fail("Invalid plugin name specified", "usage");
  if (request.reserved.plugins.has(name))
    fail("Cannot trigger plugin:update against core plugin, please update Dokku instead", "core-plugin");
  const old = listInstalledPlugins(ctx.paths).find((plugin) => plugin.manifest.name === name);
  if (!old) fail(`Specified plugin not enabled or installed: ${name}`, "plugin-missing");
  const files = await loadPluginFiles(request.source ?? old.source, request.cwd);
  const parsed = parseManifest(files.manifestText);
  if (parsed.name !== name && parsed.name !== installedUnder(old)) {
    fail(`${files.source} holds plugin ${parsed.name}, not ${name}`, "invalid-plugin");
  }
  const manifest = parsed.name === name ? parsed : renamed(parsed, name);
  const available = mergeGrants(old.grants, request.grants);
  const { module, grants } = checkPlugin(ctx, manifest, files, available, request.reserved, "Updating");
  const record: InstalledPlugin = {
    ...old,
    manifest,
    grants,
    source: files.source,
    installedAt: ctx.now().toISOString(),
  };
  await withRegistryLock(ctx, () => {
    const installed = listInstalledPlugins(ctx.paths);
    const now = installed.find((plugin) => plugin.manifest.name === name);
    if (now?.installedAt !== old.installedAt)
      fail(`Plugin ${name} changed while it was being updated; try again`, "plugin-busy");
    const others = installed.filter((plugin) => plugin !== now);
    moveIntoPlace(ctx, { ...record, enabled: now.enabled }, files.manifestText, module, () =>
      writeIndex(ctx, [...others, { ...record, enabled: now.enabled }]),
    );
  });
  ctx.out.step(`Plugin ${name} updated from ${old.manifest.version} to ${manifest.version}`);
  return record;
}

/** The name in the installed plugin.toml: the author's, when the plugin was installed with --name. */
function installedUnder(plugin: InstalledPlugin): string {
  try {
    return parseManifest(readFileSync(join(plugin.dir, "plugin.toml"), "utf8")).name;
  } catch {
    return plugin.manifest.name;
  }
}

/** `--name N`: the plugin recorded under another name. Refused for plugins with commands (their namespace is the name). */
function renamed(manifest: PluginManifest, name: string | undefined): PluginManifest {
  if (name === undefined || name === manifest.name) return manifest;
  if (!PLUGIN_NAME.test(name)) fail(`Invalid plugin name "${name}": use [a-z][a-z0-9-]{1,31}`, "invalid-plugin");
  if (manifest.commands.length > 0) {
    fail(
      `Plugin ${manifest.name} adds commands in its ${manifest.name} namespace and cannot be renamed to ${name}`,
      "invalid-plugin",
    );
  }
  return { ...manifest, name };
}

/** Every check, then what the plugin asks for printed; last, the grants. Returns the module and the grants to record. */
function checkPlugin(
  ctx: Context,
  manifest: PluginManifest,
  files: PluginFiles,
  granted: Grants,
  reserved: ReservedNames,
  verb: "Installing" | "Updating",
): { module: Uint8Array; grants: Grants } {
  checkNameFree(manifest.name, reserved);
  checkCommandsFree(manifest, reserved);
  const module = files.file(manifest.module.file);
  if (!module) fail(`plugin.toml names module ${manifest.module.file}, which is not in the plugin`, "invalid-plugin");
  checkModuleHash(manifest, module);
  checkModule(manifest, module);
  ctx.out.step(`${verb} plugin ${manifest.name} ${manifest.version}`);
  for (const line of describePlugin(manifest)) ctx.out.detail(line);
  const missing = missingGrants(manifest.permissions, granted);
  if (missing.length > 0) {
    fail(
      `Plugin ${manifest.name} asks for permissions not granted: add ${missing.join(" ")} (or --allow-all)`,
      "plugin-permissions",
    );
  }
  const grants = effectiveGrants(manifest.permissions, granted);
  ctx.out.detail(`granted: ${describeGrants(grants)}`);
  return { module, grants };
}

/** The lines install prints under its step: what the plugin is and what it may do. Pure. */
export function describePlugin(manifest: PluginManifest): string[] {
  const lines = [`description: ${manifest.description}`];
  if (manifest.triggers.length > 0)
    lines.push(`triggers: ${manifest.triggers.map((trigger) => trigger.name).join(", ")}`);
  if (manifest.commands.length > 0)
    lines.push(`commands: ${manifest.commands.map((command) => command.name).join(", ")}`);
  lines.push(`permissions: ${describePermissions(manifest.permissions)}`);
  lines.push(`limits: timeout ${manifest.limits.timeoutMs} ms, memory ${manifest.limits.memoryMb} MB`);
  return lines;
}

/**
 * Writes the plugin into a staging directory beside the installed ones, swaps it into place,
 * then records it (`commit`). A failure on the way puts the previous state back.
 */
function moveIntoPlace(
  ctx: Context,
  record: InstalledPlugin,
  manifestText: string,
  module: Uint8Array,
  commit: () => void,
): void {
  const root = pluginsRoot(ctx.paths);
  const stamp = `${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const staging = join(root, `.staging-${stamp}`);
  const previous = join(root, `.previous-${stamp}`);
  ensureDir(root, ctx.owner);
  // moveIntoPlace runs under the registry lock: any staging left here is from a run that died
  for (const entry of readdirSync(root)) {
    if (entry.startsWith(".staging-") || entry.startsWith(".previous-"))
      rmSync(join(root, entry), { recursive: true, force: true });
  }
  ensureDir(staging, ctx.owner);
  let swapped = false;
  let hadPrevious = false;
  try {
    atomicWriteFileSync(join(staging, "plugin.toml"), manifestText, { owner: ctx.owner });
    atomicWriteFileSync(join(staging, record.manifest.module.file), module, { owner: ctx.owner });
    if (existsSync(record.dir)) {
      renameSync(record.dir, previous);
      hadPrevious = true;
    }
    renameSync(staging, record.dir);
    swapped = true;
    commit();
  } catch (error) {
    if (swapped) rmSync(record.dir, { recursive: true, force: true });
    if (hadPrevious) renameSync(previous, record.dir);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}
