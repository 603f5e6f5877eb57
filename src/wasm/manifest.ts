/**
 * plugin.toml -> PluginManifest. Every field is checked against the ABI in sdk/README.md;
 * a problem is one line naming the field (`plugin.toml: limits.timeout-ms must be ...`). Pure.
 */
import { parse, TomlError } from "smol-toml";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { fail } from "../core/errors";
import { terminalText } from "../core/terminal-text";
import { isValidNetHost } from "./permissions";
import type { Permissions, PluginCommand, PluginLimits, PluginManifest, PluginTrigger } from "./types";

export const ABI_VERSION = 1;
export const PLUGIN_NAME = /^[a-z][a-z0-9-]{1,31}$/;
export const LIMIT_CEILINGS = { timeoutMs: 30_000, memoryMb: 256 } as const;
export const LIMIT_DEFAULTS: PluginLimits = { timeoutMs: 5_000, memoryMb: 16 };
/** The permission each trigger needs beyond the plugin handling it at all. */
export const TRIGGER_PERMISSIONS: Readonly<Record<string, "nginx" | "dockerArgs">> = {
  "nginx-snippet": "nginx",
  "docker-args-deploy": "dockerArgs",
};

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MODULE_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.wasm$/;
const SUBCOMMAND = /^[a-z][a-z0-9-]{0,47}$/;
const KEYS = {
  top: ["name", "version", "description", "sdk", "module", "triggers", "commands", "permissions", "limits"],
  module: ["file", "sha256"],
  trigger: ["name", "version"],
  command: ["name", "help", "usage", "app"],
  permissions: ["net", "config", "store", "nginx", "docker-args"],
  limits: ["timeout-ms", "memory-mb"],
} as const;

type Table = Record<string, unknown>;

function problem(file: string, path: string, message: string): never {
  return fail(`${file}: ${path} ${message}`, "invalid-plugin");
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function onlyKeys(file: string, table: Table, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(table)) {
    if (!allowed.includes(key)) problem(file, where === "" ? key : `${where}.${key}`, "is not a known field");
  }
}

function text(
  file: string,
  table: Table,
  key: string,
  where: string,
  options: { optional?: string; max?: number } = {},
): string {
  const value = table[key];
  const path = where === "" ? key : `${where}.${key}`;
  if (value === undefined && options.optional !== undefined) return options.optional;
  if (typeof value !== "string") problem(file, path, value === undefined ? "is missing" : "must be a string");
  if (!isOneLine(value)) problem(file, path, "must be one line of printable text");
  if (value.length > (options.max ?? 200)) problem(file, path, `must be at most ${options.max ?? 200} characters`);
  return value;
}

/** Text shown in help and reports: no line breaks, tabs, escape sequences or other controls. Pure. */
function isOneLine(value: string): boolean {
  return !value.includes("\n") && !value.includes("\t") && terminalText(value) === value;
}

function integer(file: string, value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) problem(file, path, "must be an integer");
  if (value < min || value > max) problem(file, path, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

function flag(file: string, table: Table, key: string, where: string): boolean {
  const value = table[key];
  if (value === undefined) return false;
  if (typeof value !== "boolean") problem(file, `${where}.${key}`, "must be true or false");
  return value;
}

/** Parses and checks plugin.toml text. `file` names it in messages. Pure. */
export function parseManifest(source: string, file = "plugin.toml"): PluginManifest {
  let data: Table;
  try {
    data = parse(source) as Table;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : "";
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    return fail(
      `${file}: not valid TOML${where}: ${message.replace(/^Invalid TOML document: /, "")}`,
      "invalid-plugin",
    );
  }
  onlyKeys(file, data, KEYS.top, "");
  const name = text(file, data, "name", "");
  if (!PLUGIN_NAME.test(name)) problem(file, "name", `must match [a-z][a-z0-9-]{1,31} (got "${name}")`);
  const version = text(file, data, "version", "");
  if (!SEMVER.test(version)) problem(file, "version", `must be a semantic version like 1.0.0 (got "${version}")`);
  const description = text(file, data, "description", "");
  if (data.sdk === undefined) problem(file, "sdk", "is missing");
  if (data.sdk !== ABI_VERSION)
    problem(file, "sdk", `must be ${ABI_VERSION}: the plugin ABI this host runs (got ${String(data.sdk)})`);
  const permissions = parsePermissions(file, data.permissions);
  return {
    name,
    version,
    description,
    sdk: ABI_VERSION,
    module: parseModule(file, data.module),
    triggers: parseTriggers(file, data.triggers, permissions),
    commands: parseCommands(file, data.commands, name),
    permissions,
    limits: parseLimits(file, data.limits),
  };
}

function parseModule(file: string, value: unknown): PluginManifest["module"] {
  if (value === undefined) problem(file, "module", "is missing");
  if (!isTable(value)) problem(file, "module", "must be a table");
  onlyKeys(file, value, KEYS.module, "module");
  const moduleFile = text(file, value, "file", "module");
  if (!MODULE_FILE.test(moduleFile))
    problem(file, "module.file", `must be a .wasm file name in the plugin directory (got "${moduleFile}")`);
  const sha256 = text(file, value, "sha256", "module");
  if (!SHA256.test(sha256)) problem(file, "module.sha256", "must be 64 lowercase hex digits");
  return { file: moduleFile, sha256 };
}

function tableList(file: string, value: unknown, path: string): Table[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) problem(file, path, `must be a list of tables ([[${path}]])`);
  return value.map((item, index) => {
    if (!isTable(item)) problem(file, `${path}[${index}]`, "must be a table");
    return item;
  });
}

function parseTriggers(file: string, value: unknown, permissions: Permissions): PluginTrigger[] {
  const seen = new Set<string>();
  return tableList(file, value, "triggers").map((table, index) => {
    const where = `triggers[${index}]`;
    onlyKeys(file, table, KEYS.trigger, where);
    const name = text(file, table, "name", where);
    const declaration = (ALL_TRIGGERS as Record<string, { version: number }>)[name];
    if (!declaration) problem(file, `${where}.name`, `is not a trigger this host fires: "${name}"`);
    if (seen.has(name)) problem(file, `${where}.name`, `declares "${name}" twice`);
    seen.add(name);
    const version = integer(file, table.version, `${where}.version`, 1, 1_000);
    if (version !== declaration.version) {
      problem(file, `${where}.version`, `is ${version} but this host fires ${name} version ${declaration.version}`);
    }
    const needs = TRIGGER_PERMISSIONS[name];
    if (needs && !permissions[needs]) {
      problem(
        file,
        `${where}.name`,
        `${name} needs the ${needs === "dockerArgs" ? "docker-args" : needs} permission, which the plugin does not request`,
      );
    }
    return { name, version };
  });
}

function parseCommands(file: string, value: unknown, plugin: string): PluginCommand[] {
  const seen = new Set<string>();
  return tableList(file, value, "commands").map((table, index) => {
    const where = `commands[${index}]`;
    onlyKeys(file, table, KEYS.command, where);
    const name = text(file, table, "name", where);
    const [namespace, sub, ...rest] = name.split(":");
    if (namespace !== plugin || sub === undefined || rest.length > 0) {
      problem(file, `${where}.name`, `must be "${plugin}:<command>", in the plugin's namespace (got "${name}")`);
    }
    if (!SUBCOMMAND.test(sub) || sub === "help")
      problem(file, `${where}.name`, `has an invalid command "${sub}" (lowercase letters, digits and -, not help)`);
    if (seen.has(name)) problem(file, `${where}.name`, `declares "${name}" twice`);
    seen.add(name);
    const help = text(file, table, "help", where);
    if (help === "") problem(file, `${where}.help`, "must not be empty");
    return {
      name,
      help,
      usage: text(file, table, "usage", where, { optional: "" }),
      app: flag(file, table, "app", where),
    };
  });
}

function parsePermissions(file: string, value: unknown): Permissions {
  if (value === undefined) return { net: false, config: false, store: false, nginx: false, dockerArgs: false };
  if (!isTable(value)) problem(file, "permissions", "must be a table");
  for (const key of Object.keys(value)) {
    if (!(KEYS.permissions as readonly string[]).includes(key))
      problem(file, `permissions.${key}`, "is not a known permission (net, config, store, nginx, docker-args)");
  }
  return {
    net: parseNet(file, value.net),
    config: flag(file, value, "config", "permissions"),
    store: flag(file, value, "store", "permissions"),
    nginx: flag(file, value, "nginx", "permissions"),
    dockerArgs: flag(file, value, "docker-args", "permissions"),
  };
}

function parseNet(file: string, value: unknown): Permissions["net"] {
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  if (!Array.isArray(value) || value.length === 0)
    problem(file, "permissions.net", "must be true, false or a non-empty list of hosts");
  if (value.length > 32) problem(file, "permissions.net", "may list at most 32 hosts");
  return value.map((host, index) => {
    if (typeof host !== "string" || !isValidNetHost(host)) {
      problem(
        file,
        `permissions.net[${index}]`,
        `must be a host or host:port in lowercase (got ${JSON.stringify(host)})`,
      );
    }
    return host;
  });
}

function parseLimits(file: string, value: unknown): PluginLimits {
  if (value === undefined) return LIMIT_DEFAULTS;
  if (!isTable(value)) problem(file, "limits", "must be a table");
  onlyKeys(file, value, KEYS.limits, "limits");
  const timeout = value["timeout-ms"];
  const memory = value["memory-mb"];
  return {
    timeoutMs:
      timeout === undefined
        ? LIMIT_DEFAULTS.timeoutMs
        : integer(file, timeout, "limits.timeout-ms", 1, LIMIT_CEILINGS.timeoutMs),
    memoryMb:
      memory === undefined
        ? LIMIT_DEFAULTS.memoryMb
        : integer(file, memory, "limits.memory-mb", 1, LIMIT_CEILINGS.memoryMb),
  };
}
