import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { fail } from "../core/errors";
import { atomicWriteFileSync, ensureDir } from "./atomic-write";
import { copyTree } from "./copy-tree";
import type { StateOwner } from "./ownership";

/** The scope of a property: an app name, or the global scope. */
export const GLOBAL = "--global";
export type Scope = string;

/**
 * Properties: (plugin, app|--global, key) -> value, stored as Dokku stores them at
 * `<root>/<plugin>/<scope>/<key>`: a scalar is the raw value, a list is one line per item,
 * a map is a JSON object. Every write is atomic; files are 0600 as in Dokku.
 */
export class PropertyStore {
  constructor(
    /** `$DOKKU_LIB_ROOT/config` */
    readonly root: string,
    private readonly owner?: StateOwner,
  ) {}

  path(plugin: string, scope: Scope, key?: string): string {
    assertSegment(plugin, "plugin");
    assertSegment(scope, "scope");
    if (key === undefined) return `${this.root}/${plugin}/${scope}`;
    assertSegment(key, "property");
    return `${this.root}/${plugin}/${scope}/${key}`;
  }

  has(plugin: string, scope: Scope, key: string): boolean {
    return existsSync(this.path(plugin, scope, key));
  }

  get(plugin: string, scope: Scope, key: string): string | undefined {
    return readOptional(this.path(plugin, scope, key));
  }

  /** The app's value, else the global one, else `fallback`. */
  getComputed(plugin: string, app: string, key: string, fallback = ""): string {
    const own = this.get(plugin, app, key);
    if (own !== undefined && own !== "") return own;
    const global = this.get(plugin, GLOBAL, key);
    if (global !== undefined && global !== "") return global;
    return fallback;
  }

  set(plugin: string, scope: Scope, key: string, value: string): void {
    atomicWriteFileSync(this.path(plugin, scope, key), value, { mode: 0o600, owner: this.owner });
  }

  delete(plugin: string, scope: Scope, key: string): void {
    rmSync(this.path(plugin, scope, key), { force: true });
  }

  getList(plugin: string, scope: Scope, key: string): string[] {
    const text = this.get(plugin, scope, key);
    if (!text) return [];
    return text.split("\n").filter((line) => line !== "");
  }

  setList(plugin: string, scope: Scope, key: string, values: readonly string[]): void {
    for (const value of values) {
      if (value.includes("\n")) fail(`List values cannot contain newlines (${plugin}.${key})`);
    }
    this.set(plugin, scope, key, values.map((value) => `${value}\n`).join(""));
  }

  getMap(plugin: string, scope: Scope, key: string): Record<string, string> {
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

  setMap(plugin: string, scope: Scope, key: string, map: Readonly<Record<string, string>>): void {
    this.set(plugin, scope, key, JSON.stringify(map));
  }

  /** Every property of a scope, as raw text, keyed by property name. */
  getAll(plugin: string, scope: Scope): Record<string, string> {
    const dir = this.path(plugin, scope);
    const all: Record<string, string> = {};
    for (const name of listDir(dir)) {
      if (name.startsWith(".")) continue;
      const value = readOptional(`${dir}/${name}`);
      if (value !== undefined) all[name] = value;
    }
    return all;
  }

  /** Plugins that have a directory under the store root. */
  plugins(): string[] {
    return listDir(this.root).filter((name) => !name.startsWith("."));
  }

  /** Scopes (apps and --global) that hold properties of `plugin`. */
  scopes(plugin: string): string[] {
    return listDir(`${this.root}/${plugin}`).filter((name) => !name.startsWith("."));
  }

  /** Removes every property of `scope` for every plugin (app destroy). */
  destroyScope(scope: Scope): void {
    for (const plugin of this.plugins()) rmSync(this.path(plugin, scope), { recursive: true, force: true });
  }

  /** Moves every plugin's properties from one scope to another (app rename). */
  renameScope(from: Scope, to: Scope): void {
    for (const plugin of this.plugins()) {
      const source = this.path(plugin, from);
      if (!existsSync(source)) continue;
      renameSync(source, this.path(plugin, to));
    }
  }

  /** Copies every plugin's properties from one scope to another (app clone). */
  copyScope(from: Scope, to: Scope): void {
    for (const plugin of this.plugins()) {
      const source = this.path(plugin, from);
      if (!existsSync(source)) continue;
      const target = this.path(plugin, to);
      ensureDir(`${this.root}/${plugin}`, this.owner);
      copyTree(source, target, this.owner);
    }
  }
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
