import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { fail } from "../core/errors";
import { PLUGIN_PROPERTIES_DIR, reservedAppNameProblem, type CorePropertyNamespace } from "../core/state-names";
import { atomicWriteFileSync, ensureDir } from "./atomic-write";
import { copyTree } from "./copy-tree";
import type { StateOwner } from "./ownership";

/**
 * The global scope's name on disk. A property's scope is an app name or GLOBAL, as Dokku lays it
 * out: the path segment of sdk/triggers/define's Scope (plugins/config/scope storeScope).
 */
export const GLOBAL = "--global";

/**
 * Properties: (plugin, app|--global, key) -> value, stored as Dokku stores them at
 * `<root>/<plugin>/<scope>/<key>`: a scalar is the raw value, a list is one line per item,
 * a map is a JSON object. Every write is atomic; files are 0600 as in Dokku.
 *
 * Two stores share `$DOKKU_LIB_ROOT/config`: the core's (`coreProperties`), whose namespaces are
 * the ones core/state-names lists (`N`), and the WASM plugins' own (`pluginProperties`), in its
 * `plugins/` folder, keyed by plugin name. A plugin can thus never name a core property, whatever
 * it is called. The core store's scope operations (app destroy, rename, clone) cover both.
 */
export class PropertyStore<N extends string = CorePropertyNamespace> {
  constructor(
    /** `$DOKKU_LIB_ROOT/config`, or its `plugins/` folder for the plugins' store */
    readonly root: string,
    private readonly owner?: StateOwner,
    /** The plugins' store, kept in `<root>/plugins/`: never a namespace of this one. */
    private readonly pluginStore?: PropertyStore<string>,
  ) {}

  /** `<root>/<plugin>`: every scope of one namespace. */
  namespaceDir(plugin: N): string {
    assertSegment(plugin, "plugin");
    return `${this.root}/${plugin}`;
  }

  path(plugin: N, scope: string, key?: string): string {
    assertSegment(plugin, "plugin");
    assertSegment(scope, "scope");
    if (key === undefined) return `${this.root}/${plugin}/${scope}`;
    assertSegment(key, "property");
    return `${this.root}/${plugin}/${scope}/${key}`;
  }

  has(plugin: N, scope: string, key: string): boolean {
    return existsSync(this.path(plugin, scope, key));
  }

  get(plugin: N, scope: string, key: string): string | undefined {
    return readOptional(this.path(plugin, scope, key));
  }

  /** The app's value, else the global one, else `fallback`. */
  getComputed(plugin: N, app: string, key: string, fallback = ""): string {
    const own = this.get(plugin, app, key);
    if (own !== undefined && own !== "") return own;
    const global = this.get(plugin, GLOBAL, key);
    if (global !== undefined && global !== "") return global;
    return fallback;
  }

  set(plugin: N, scope: string, key: string, value: string): void {
    atomicWriteFileSync(this.path(plugin, scope, key), value, { mode: 0o600, owner: this.owner });
  }

  delete(plugin: N, scope: string, key: string): void {
    rmSync(this.path(plugin, scope, key), { force: true });
  }

  getList(plugin: N, scope: string, key: string): string[] {
    const text = this.get(plugin, scope, key);
    if (!text) return [];
    return text.split("\n").filter((line) => line !== "");
  }

  setList(plugin: N, scope: string, key: string, values: readonly string[]): void {
    for (const value of values) {
      if (value.includes("\n")) fail(`List values cannot contain newlines (${plugin}.${key})`);
    }
    this.set(plugin, scope, key, values.map((value) => `${value}\n`).join(""));
  }

  getMap(plugin: N, scope: string, key: string): Record<string, string> {
    const text = this.get(plugin, scope, key);
    if (!text) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      fail(`Property ${plugin}/${scope}/${key} is not a JSON object`);
    }
    return parsed as Record<string, string>;
  }

  setMap(plugin: N, scope: string, key: string, map: Readonly<Record<string, string>>): void {
    this.set(plugin, scope, key, JSON.stringify(map));
  }

  /** Every property of a scope, as raw text, keyed by property name. */
  getAll(plugin: N, scope: string): Record<string, string> {
    const dir = this.path(plugin, scope);
    const all: Record<string, string> = {};
    for (const name of listDir(dir)) {
      if (name.startsWith(".")) continue;
      const value = readOptional(`${dir}/${name}`);
      if (value !== undefined) all[name] = value;
    }
    return all;
  }

  /**
   * Namespaces that have a directory under the store root (as N: folders a plugin left there
   * before plugins had their own store are listed too, and moved, copied or removed with an app).
   */
  plugins(): N[] {
    return listDir(this.root).filter(
      (name) => !name.startsWith(".") && !(this.pluginStore && name === PLUGIN_PROPERTIES_DIR),
    ) as N[];
  }

  /** Scopes (apps and --global) that hold properties of `plugin`. */
  scopes(plugin: N): string[] {
    return listDir(`${this.root}/${plugin}`).filter((name) => !name.startsWith("."));
  }

  /**
   * Dokku's own folder of a scope beside the namespaces, `<root>/<app|--global>/`, holding the
   * config plugin's `ENV` (plugins/config/env-store). Only the core store has them; app names never
   * collide with a namespace (apps/reserved-names refuses those).
   */
  scopeFilePath(scope: string, name: string): string {
    assertSegment(name, "file");
    if (!this.pluginStore) fail("The plugins' store keeps no per-scope files");
    const dir = this.scopeDir(scope);
    if (dir === undefined) fail(`App ${scope} has a reserved name: rename it with apps:rename to use its config`);
    return `${dir}/${name}`;
  }

  getScopeFile(scope: string, name: string): string | undefined {
    return readOptional(this.scopeFilePath(scope, name));
  }

  setScopeFile(scope: string, name: string, value: string): void {
    atomicWriteFileSync(this.scopeFilePath(scope, name), value, { mode: 0o600, owner: this.owner });
  }

  /** Removes every property of `scope` for every plugin (app destroy). */
  destroyScope(scope: string): void {
    for (const plugin of this.plugins()) rmSync(this.path(plugin, scope), { recursive: true, force: true });
    const dir = this.scopeDir(scope);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    this.pluginStore?.destroyScope(scope);
  }

  /** Moves every plugin's properties from one scope to another (app rename). */
  renameScope(from: string, to: string): void {
    for (const plugin of this.plugins()) {
      const source = this.path(plugin, from);
      if (!existsSync(source)) continue;
      renameSync(source, this.path(plugin, to));
    }
    const [source, target] = [this.scopeDir(from), this.scopeDir(to)];
    if (source !== undefined && target !== undefined && existsSync(source)) renameSync(source, target);
    this.pluginStore?.renameScope(from, to);
  }

  /** Copies every plugin's properties from one scope to another (app clone). */
  copyScope(from: string, to: string): void {
    for (const plugin of this.plugins()) {
      const source = this.path(plugin, from);
      if (!existsSync(source)) continue;
      const target = this.path(plugin, to);
      ensureDir(`${this.root}/${plugin}`, this.owner);
      copyTree(source, target, this.owner);
    }
    const [source, target] = [this.scopeDir(from), this.scopeDir(to)];
    if (source !== undefined && target !== undefined && existsSync(source)) copyTree(source, target, this.owner);
    this.pluginStore?.copyScope(from, to);
  }

  /**
   * `<root>/<scope>` in the core store; undefined in the plugins' store, and for a name that is a
   * namespace's folder or the plugins' one (an app given such a name before they were reserved),
   * so no scope operation ever touches those.
   */
  private scopeDir(scope: string): string | undefined {
    assertSegment(scope, "scope");
    if (!this.pluginStore || (scope !== GLOBAL && reservedAppNameProblem(scope, []) !== undefined)) return undefined;
    return `${this.root}/${scope}`;
  }
}

/** The core's properties at `configRoot` (`$DOKKU_LIB_ROOT/config`), the plugins' store beside them. */
export function coreProperties(configRoot: string, owner?: StateOwner): PropertyStore {
  return new PropertyStore<CorePropertyNamespace>(configRoot, owner, pluginProperties(configRoot, owner));
}

/** The WASM plugins' own properties: `config/plugins/<plugin>/<app|--global>/<key>`. */
export function pluginProperties(configRoot: string, owner?: StateOwner): PropertyStore<string> {
  return new PropertyStore<string>(`${configRoot}/${PLUGIN_PROPERTIES_DIR}`, owner);
}

function assertSegment(value: string, what: string): void {
  if (value === "" || value === "." || value === ".." || value.includes("/") || value.includes("\0")) {
    fail(`Invalid ${what} name: '${value}'`);
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
