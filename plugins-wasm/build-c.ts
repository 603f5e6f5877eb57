/**
 * The C builder: a plugin folder with `plugin.toml` (no sha256) and `*.c` sources ->
 * `<out>/` = an installable plugin directory (plugin.toml with the module's sha256 + the .wasm).
 * clang to wasm32 without libc or WASI, against sdk/c/dokku.h; the exports come from the
 * manifest's triggers and commands, the memory maximum from its `limits.memory-mb`.
 * `plugins-wasm/build.ts` calls it for folders holding `*.c`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "smol-toml";
import { withModuleSha256 } from "../sdk/scripts/plugin-toml";
import { commandExport, triggerExport } from "../src/wasm/exports";

export const C_SDK_DIR = resolve(import.meta.dir, "..", "sdk", "c");
const MIB = 1024 * 1024;
const DEFAULT_MEMORY_MB = 16;
const STACK_BYTES = 64 * 1024;

export interface CBuildInput {
  readonly sources: readonly string[];
  readonly exports: readonly string[];
  readonly maxMemoryBytes: number;
  readonly out: string;
}

export interface CBuildResult {
  readonly dir: string;
  readonly wasm: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What the build needs from plugin.toml: the module file, the exports, the memory maximum. Pure. */
export function cBuildPlan(toml: string): { file: string; exports: string[]; maxMemoryBytes: number } {
  const manifest = parse(toml) as {
    module?: { file?: unknown };
    triggers?: { name?: unknown }[];
    commands?: { name?: unknown }[];
    limits?: { "memory-mb"?: unknown };
  };
  const file = manifest.module?.file;
  if (typeof file !== "string" || !file.endsWith(".wasm"))
    throw new Error("plugin.toml: module.file must name a .wasm file");
  const names = (list: { name?: unknown }[] | undefined, what: string) =>
    (list ?? []).map((entry, at) => {
      if (typeof entry.name !== "string") throw new Error(`plugin.toml: ${what}[${at}].name must be a string`);
      return entry.name;
    });
  const exports = [
    ...names(manifest.triggers, "triggers").map(triggerExport),
    ...names(manifest.commands, "commands").map(commandExport),
  ];
  const memoryMb = manifest.limits?.["memory-mb"] ?? DEFAULT_MEMORY_MB;
  if (typeof memoryMb !== "number" || !Number.isInteger(memoryMb) || memoryMb < 1)
    throw new Error("plugin.toml: limits.memory-mb must be a whole number");
  return { file, exports, maxMemoryBytes: memoryMb * MIB };
}

/** The clang argv: wasm32, no libc, no entry point, the exports, a declared memory maximum. Pure. */
export function clangArgv(input: CBuildInput, clang = "clang"): string[] {
  return [
    clang,
    "--target=wasm32",
    "-nostdlib",
    "-ffreestanding",
    "-O2",
    "-mbulk-memory",
    "-Wall",
    "-Werror",
    "-I",
    C_SDK_DIR,
    "-Wl,--no-entry",
    ...input.exports.map((name) => `-Wl,--export=${name}`),
    `-Wl,--max-memory=${input.maxMemoryBytes}`,
    `-Wl,-z,stack-size=${STACK_BYTES}`,
    "-Wl,--strip-all",
    "-o",
    input.out,
    ...input.sources,
  ];
}

/**
 * The environment clang runs in: PATH without node_modules/.bin dirs. clang (14, Debian 12) runs
 * any `wasm-opt` it finds on PATH after linking, with no way to turn that off before clang 16
 * (`--no-wasm-opt`), and without our -mbulk-memory: the one binaryen's npm package puts in
 * node_modules/.bin (npm scripts put it first on PATH) then refuses the module. Pure.
 */
export function clangEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const path = (env.PATH ?? "").split(":").filter((dir) => dir !== "" && !/(^|\/)node_modules\/\.bin\/?$/.test(dir));
  return { ...env, PATH: path.join(":") };
}

/** Builds the C plugin in `pluginDir` into `outDir` (default `<pluginDir>/dist`). */
export async function buildCPlugin(
  pluginDir: string,
  outDir = join(pluginDir, "dist"),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CBuildResult> {
  const toml = readFileSync(join(pluginDir, "plugin.toml"), "utf8");
  const plan = cBuildPlan(toml);
  const sources = readdirSync(pluginDir)
    .filter((name) => name.endsWith(".c"))
    .sort()
    .map((name) => join(pluginDir, name));
  if (sources.length === 0) throw new Error(`${pluginDir}: no .c sources`);
  mkdirSync(outDir, { recursive: true });
  const wasm = join(outDir, plan.file);
  const argv = clangArgv(
    { sources, exports: plan.exports, maxMemoryBytes: plan.maxMemoryBytes, out: wasm },
    env.CLANG ?? "clang",
  );
  const child = Bun.spawn(argv, { stdout: "pipe", stderr: "pipe", env: clangEnv(env) });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (exitCode !== 0) throw new Error(`clang failed (exit ${exitCode}) building ${pluginDir}:\n${stdout}${stderr}`);
  const bytes = readFileSync(wasm);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(join(outDir, "plugin.toml"), withModuleSha256(toml, sha256));
  return { dir: outDir, wasm, sha256, bytes: bytes.length };
}

if (import.meta.main) {
  for (const dir of process.argv.slice(2)) {
    const built = await buildCPlugin(resolve(dir));
    process.stdout.write(`built ${built.wasm} (${built.bytes} bytes, sha256 ${built.sha256})\n`);
  }
}
