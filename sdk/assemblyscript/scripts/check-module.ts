/**
 * The checks `plugin:install` applies to a module, run at build time so an author sees them
 * first: imports only from Extism's kernel and dokku's host functions, `memory` exported with a
 * declared maximum within the manifest's limit, and exports matching the declared triggers and
 * commands (sdk/README.md "The module").
 */

export const ALLOWED_IMPORT_MODULES = ["extism:host/env", "extism:host/user"];

/** `on_` + the trigger's name with `-` as `_` (as src/wasm/exports.ts). */
export function triggerExportName(trigger: string): string {
  return `on_${trigger.replaceAll("-", "_")}`;
}

/** `cmd_` + the command's name with `:` and `-` as `_` (as src/wasm/exports.ts). */
export function commandExportName(command: string): string {
  return `cmd_${command.replaceAll(":", "_").replaceAll("-", "_")}`;
}

export interface MemoryLimits {
  readonly initial: number;
  readonly maximum: number | null;
}

function readLeb(bytes: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    const byte = bytes[at.pos++] ?? 0;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
  }
  throw new Error("bad LEB128 in module");
}

/** The limits of the module's own (first, non-imported) memory, or null when it defines none. Pure. */
export function memoryLimits(bytes: Uint8Array): MemoryLimits | null {
  const at = { pos: 8 }; // magic + version
  while (at.pos < bytes.length) {
    const id = bytes[at.pos++];
    const size = readLeb(bytes, at);
    const end = at.pos + size;
    if (id === 5) {
      const count = readLeb(bytes, at);
      if (count === 0) return null;
      const flags = readLeb(bytes, at);
      const initial = readLeb(bytes, at);
      const maximum = (flags & 1) === 1 ? readLeb(bytes, at) : null;
      return { initial, maximum };
    }
    at.pos = end;
  }
  return null;
}

/** Every problem with the module, as messages; [] when it would install. */
export function checkModule(
  bytes: Uint8Array,
  plan: { readonly triggers: readonly string[]; readonly commands: readonly string[]; readonly maximumPages: number },
): string[] {
  const problems: string[] = [];
  const module = new WebAssembly.Module(bytes);
  for (const entry of WebAssembly.Module.imports(module)) {
    if (!ALLOWED_IMPORT_MODULES.includes(entry.module))
      problems.push(`unexpected import ${entry.module}.${entry.name}`);
  }
  const exports = WebAssembly.Module.exports(module);
  if (!exports.some((entry) => entry.name === "memory" && entry.kind === "memory")) problems.push("no exported memory");
  const limits = memoryLimits(bytes);
  if (limits === null || limits.maximum === null) problems.push("memory has no declared maximum");
  else if (limits.maximum > plan.maximumPages)
    problems.push(`memory maximum ${limits.maximum} pages is above ${plan.maximumPages}`);
  const expected = [...plan.triggers.map(triggerExportName), ...plan.commands.map(commandExportName)];
  const functions = new Set(exports.filter((entry) => entry.kind === "function").map((entry) => entry.name));
  for (const name of expected) if (!functions.has(name)) problems.push(`missing export ${name}`);
  for (const name of functions) {
    if ((name.startsWith("on_") || name.startsWith("cmd_")) && !expected.includes(name))
      problems.push(`undeclared export ${name}`);
  }
  return problems;
}
