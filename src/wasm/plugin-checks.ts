/**
 * Everything install checks about a plugin before a byte is written: its name against the
 * core and the installed plugins, the module's hash, and the module against its manifest
 * (exports, imports, memory). Each problem is one line. Pure (hashing and compiling aside).
 */
import { createHash } from "node:crypto";
import { fail } from "../core/errors";
import { commandExport, HOST_FUNCTIONS, KERNEL_FUNCTIONS, triggerExport } from "./exports";
import { exportedMemory, inspectModule, ModuleFormatError, WASM_PAGE_BYTES } from "./module-inspect";
import type { PluginManifest } from "./types";

const KERNEL_MODULE = "extism:host/env";
const USER_MODULE = "extism:host/user";
const MIB = 1024 * 1024;
/** The largest module accepted: far above any plugin, far below what would hurt to compile. */
export const MAX_MODULE_BYTES = 32 * MIB;

/** Names no plugin may take: core namespaces, core plugins, core bare-word commands, core state. */
export interface ReservedNames {
  readonly namespaces: ReadonlySet<string>;
  readonly plugins: ReadonlySet<string>;
  /** Every core command name (`apps:create`, `git-hook`, `help`). */
  readonly commands: ReadonlySet<string>;
  /** The core's property namespaces (`config/<name>`). */
  readonly properties: ReadonlySet<string>;
  /** The core's data folders (`data/<name>`). */
  readonly dataDirs: ReadonlySet<string>;
  /** The apps that exist: an app's config is Dokku's `config/<app>/`, where a plugin's properties once lived. */
  readonly apps?: ReadonlySet<string>;
}

/** Refuses a name that a core namespace, plugin, command, property namespace or data folder holds. Pure. */
export function checkNameFree(name: string, reserved: ReservedNames): void {
  if (reserved.namespaces.has(name))
    fail(`Plugin name ${name} is taken by the core ${name} commands`, "plugin-name-taken");
  if (reserved.plugins.has(name)) fail(`Plugin name ${name} is taken by the core ${name} plugin`, "plugin-name-taken");
  if (reserved.commands.has(name))
    fail(`Plugin name ${name} is taken by the core command ${name}`, "plugin-name-taken");
  if (reserved.properties.has(name))
    fail(`Plugin name ${name} is taken by the core's ${name} properties (config/${name})`, "plugin-name-taken");
  if (reserved.dataDirs.has(name))
    fail(`Plugin name ${name} is taken by the core's data folder data/${name}`, "plugin-name-taken");
  if (reserved.apps?.has(name)) fail(`Plugin name ${name} is taken by the app ${name}`, "plugin-name-taken");
}

/** Refuses commands that would shadow a core command (the namespace check makes this a backstop). Pure. */
export function checkCommandsFree(manifest: PluginManifest, reserved: ReservedNames): void {
  for (const command of manifest.commands) {
    if (reserved.commands.has(command.name))
      fail(`Plugin command ${command.name} would shadow the core command of that name`, "plugin-name-taken");
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Refuses a module whose hash is not the one plugin.toml names. */
export function checkModuleHash(manifest: PluginManifest, bytes: Uint8Array): void {
  const actual = sha256Hex(bytes);
  if (actual !== manifest.module.sha256) {
    fail(
      `${manifest.module.file}: sha256 mismatch: plugin.toml says ${manifest.module.sha256}, the file is ${actual}`,
      "plugin-hash",
    );
  }
}

/** Refuses a module that is not valid wasm or does not match its manifest. */
export function checkModule(manifest: PluginManifest, bytes: Uint8Array): void {
  const file = manifest.module.file;
  if (bytes.length > MAX_MODULE_BYTES)
    fail(`${file}: the module is larger than ${MAX_MODULE_BYTES / MIB} MB`, "plugin-module");
  try {
    new WebAssembly.Module(bytes);
  } catch (error) {
    fail(`${file}: not a valid wasm module: ${(error as Error).message}`, "plugin-module");
  }
  let info: ReturnType<typeof inspectModule>;
  try {
    info = inspectModule(bytes);
  } catch (error) {
    if (!(error instanceof ModuleFormatError)) throw error;
    fail(`${file}: not a valid wasm module: ${error.message}`, "plugin-module");
  }

  for (const item of info.imports) {
    const where = `${item.module}.${item.name}`;
    const known =
      item.kind === "func" &&
      ((item.module === KERNEL_MODULE && KERNEL_FUNCTIONS.has(item.name)) ||
        (item.module === USER_MODULE && Object.hasOwn(HOST_FUNCTIONS, item.name)));
    if (!known) fail(`${file}: imports ${where} (${item.kind}), which the host does not provide`, "plugin-module");
    if (item.module !== USER_MODULE) continue;
    const permission = HOST_FUNCTIONS[item.name as keyof typeof HOST_FUNCTIONS];
    if (permission !== null && manifest.permissions[permission] === false) {
      fail(`${file}: imports ${item.name} but does not request ${permission}`, "plugin-module");
    }
  }

  const functions = new Set(info.exports.filter((item) => item.kind === "func").map((item) => item.name));
  const declared = new Set<string>();
  for (const trigger of manifest.triggers) {
    const name = triggerExport(trigger.name);
    declared.add(name);
    if (!functions.has(name))
      fail(`${file}: handles trigger ${trigger.name} but does not export ${name}`, "plugin-module");
  }
  for (const command of manifest.commands) {
    const name = commandExport(command.name);
    declared.add(name);
    if (!functions.has(name))
      fail(`${file}: adds command ${command.name} but does not export ${name}`, "plugin-module");
  }
  for (const item of info.exports) {
    if ((item.name.startsWith("on_") || item.name.startsWith("cmd_")) && !declared.has(item.name)) {
      fail(`${file}: exports ${item.name}, which plugin.toml does not declare`, "plugin-module");
    }
  }

  const memory = exportedMemory(info);
  if (!memory) fail(`${file}: does not export its memory as "memory"`, "plugin-module");
  if (memory.max === undefined) {
    fail(
      `${file}: its memory declares no maximum (AssemblyScript: --maximumMemory; C: -Wl,--max-memory=)`,
      "plugin-module",
    );
  }
  const maxBytes = memory.max * WASM_PAGE_BYTES;
  if (maxBytes > manifest.limits.memoryMb * MIB) {
    const mb = Math.ceil((maxBytes / MIB) * 100) / 100;
    fail(
      `${file}: its memory maximum (${memory.max} pages, ${mb} MB) is above limits.memory-mb = ${manifest.limits.memoryMb}`,
      "plugin-module",
    );
  }
}
