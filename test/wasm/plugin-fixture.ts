/** Writes plugin directories for tests: plugin.toml (with the module's real sha256) and the module. */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "smol-toml";
import { commandExport, triggerExport } from "../../src/wasm/exports";
import { buildModule, type FunctionSpec, type ImportSpec } from "./wasm-builder";

export interface FixtureSpec {
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  readonly triggers?: readonly { name: string; version?: number }[];
  readonly commands?: readonly { name: string; help?: string; usage?: string; app?: boolean }[];
  readonly permissions?: Readonly<Record<string, unknown>>;
  readonly limits?: Readonly<Record<string, unknown>>;
  /** The module; default: one export per trigger and command returning 0, memory 1..1 pages. */
  readonly module?: Uint8Array;
  readonly moduleFile?: string;
  /** Overrides the computed hash (to test a mismatch). */
  readonly sha256?: string;
  /** Extra imports for the default module. */
  readonly imports?: readonly ImportSpec[];
  /** Replaces the whole plugin.toml text. */
  readonly toml?: string;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The default module for a spec: exactly the exports its triggers and commands need. */
export function defaultModule(spec: FixtureSpec): Uint8Array {
  const functions: FunctionSpec[] = [
    ...(spec.triggers ?? []).map((trigger) => ({ export: triggerExport(trigger.name) })),
    ...(spec.commands ?? []).map((command) => ({ export: commandExport(command.name) })),
  ];
  return buildModule({ imports: spec.imports, functions });
}

/** plugin.toml's text for a spec and module. */
export function pluginToml(spec: FixtureSpec, module: Uint8Array): string {
  if (spec.toml !== undefined) return spec.toml;
  const data: Record<string, unknown> = {
    name: spec.name ?? "hello",
    version: spec.version ?? "1.0.0",
    description: spec.description ?? "A test plugin",
    sdk: 1,
    module: { file: spec.moduleFile ?? "plugin.wasm", sha256: spec.sha256 ?? sha256(module) },
  };
  if (spec.triggers)
    data.triggers = spec.triggers.map((trigger) => ({ name: trigger.name, version: trigger.version ?? 1 }));
  if (spec.commands) {
    data.commands = spec.commands.map((command) => ({ help: "Does a thing", usage: "", ...command }));
  }
  if (spec.permissions) data.permissions = spec.permissions;
  if (spec.limits) data.limits = spec.limits;
  return stringify(data);
}

/** Writes the plugin into `dir` (created); returns the dir. */
export function writePlugin(dir: string, spec: FixtureSpec = {}): string {
  const module = spec.module ?? defaultModule(spec);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "plugin.toml"), pluginToml(spec, module));
  writeFileSync(join(dir, spec.moduleFile ?? "plugin.wasm"), module);
  return dir;
}
