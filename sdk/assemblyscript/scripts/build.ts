/**
 * Builds an AssemblyScript plugin: `<plugin>/plugin.toml` (no sha256) + `<plugin>/assembly/index.ts`
 * -> `<out>/` (default `<plugin>/dist/`) = an installable plugin directory: the `.wasm` and
 * plugin.toml with the module's sha256 filled in.
 *
 *   bun <kit>/scripts/build.ts <plugin-dir> [--out <dir>] [--runtime incremental|stub]
 *
 * asc runs without WASI and with the kit's `abort` (no `env.abort` import), a memory maximum of
 * the manifest's `limits.memory-mb`, and the module is checked the way `plugin:install` checks it:
 * imports only from `extism:host/env` and `extism:host/user`, `memory` exported with a maximum,
 * one export per declared trigger and command and no undeclared `on_*`/`cmd_*` export.
 */
import asc from "assemblyscript/asc";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { withModuleSha256 } from "../../scripts/plugin-toml";
import { checkModule } from "./check-module";

export const KIT_DIR = resolve(import.meta.dir, "..");
/** Where `--use abort=` points: the kit's abort as asc names it when imported as a package. */
export const KIT_ABORT = "~lib/@dokku/as-kit/assembly/abort/abort";
const PAGES_PER_MIB = 16;
const DEFAULT_MEMORY_MB = 16;

export type AsRuntime = "incremental" | "stub";

export interface AsBuildResult {
  readonly dir: string;
  readonly wasm: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface AsBuildPlan {
  readonly file: string;
  readonly triggers: readonly string[];
  readonly commands: readonly string[];
  readonly maximumPages: number;
}

/** What the build needs from plugin.toml. Pure. */
export function asBuildPlan(toml: string): AsBuildPlan {
  const manifest = Bun.TOML.parse(toml) as {
    module?: { file?: unknown };
    triggers?: { name?: unknown }[];
    commands?: { name?: unknown }[];
    limits?: { "memory-mb"?: unknown };
  };
  const file = manifest.module?.file;
  if (typeof file !== "string" || !/^[A-Za-z0-9._-]+\.wasm$/.test(file))
    throw new Error("plugin.toml: module.file must name a .wasm file");
  const names = (list: { name?: unknown }[] | undefined, what: string): string[] =>
    (list ?? []).map((entry, at) => {
      if (typeof entry.name !== "string") throw new Error(`plugin.toml: ${what}[${at}].name must be a string`);
      return entry.name;
    });
  const memoryMb = manifest.limits?.["memory-mb"] ?? DEFAULT_MEMORY_MB;
  if (typeof memoryMb !== "number" || !Number.isInteger(memoryMb) || memoryMb < 1) {
    throw new Error("plugin.toml: limits.memory-mb must be a whole number");
  }
  return {
    file,
    triggers: names(manifest.triggers, "triggers"),
    commands: names(manifest.commands, "commands"),
    maximumPages: memoryMb * PAGES_PER_MIB,
  };
}

/** The asc arguments. Pure. */
export function ascArgs(
  entry: string,
  out: string,
  plan: AsBuildPlan,
  packagePaths: readonly string[],
  runtime: AsRuntime,
): string[] {
  return [
    entry,
    "--outFile",
    out,
    "--optimize",
    "--noColors",
    "--runtime",
    runtime,
    "--maximumMemory",
    String(plan.maximumPages),
    "--use",
    `abort=${KIT_ABORT}`,
    ...packagePaths.flatMap((path) => ["--path", path]),
  ];
}

/** `node_modules` folders from `dir` up to the root: where asc finds `@extism/as-pdk`. */
function nodeModulesUpFrom(dir: string): string[] {
  const found: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const candidate = join(at, "node_modules");
    if (existsSync(candidate)) found.push(candidate);
    if (dirname(at) === at) return found;
  }
}

/** Builds the plugin in `pluginDir` into `outDir`. Throws with asc's diagnostics when it fails. */
export async function buildAsPlugin(
  pluginDir: string,
  outDir: string = join(pluginDir, "dist"),
  runtime: AsRuntime = "incremental",
): Promise<AsBuildResult> {
  const toml = readFileSync(join(pluginDir, "plugin.toml"), "utf8");
  const plan = asBuildPlan(toml);
  const entry = join(pluginDir, "assembly", "index.ts");
  if (!existsSync(entry)) throw new Error(`${pluginDir}: no assembly/index.ts`);
  mkdirSync(outDir, { recursive: true });
  const wasm = join(outDir, plan.file);
  // `@dokku/as-kit` resolves to this kit whether or not the plugin has it in node_modules.
  const packages = mkdtempSync(join(tmpdir(), "dokku-as-kit-"));
  try {
    mkdirSync(join(packages, "@dokku"));
    symlinkSync(KIT_DIR, join(packages, "@dokku", "as-kit"), "dir");
    const paths = [packages, ...nodeModulesUpFrom(pluginDir), ...nodeModulesUpFrom(KIT_DIR)];
    let diagnostics = "";
    const sink = {
      write: (chunk: string | Uint8Array) => {
        diagnostics += String(chunk);
        return true;
      },
    };
    const { error } = await asc.main(ascArgs(entry, wasm, plan, [...new Set(paths)], runtime), {
      stdout: sink,
      stderr: sink,
    });
    if (error) throw new Error(`asc failed building ${pluginDir}:\n${diagnostics || error.message}`);
  } finally {
    rmSync(packages, { recursive: true, force: true });
  }
  const bytes = readFileSync(wasm);
  const problems = checkModule(bytes, plan);
  if (problems.length > 0) throw new Error(`${wasm}: ${problems.join("; ")}`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(join(outDir, "plugin.toml"), withModuleSha256(toml, sha256));
  return { dir: outDir, wasm, sha256, bytes: bytes.length };
}

function parseArgs(argv: readonly string[]): { dirs: string[]; out?: string; runtime: AsRuntime } {
  const dirs: string[] = [];
  let out: string | undefined;
  let runtime: AsRuntime = "incremental";
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at] as string;
    if (arg === "--out") out = argv[++at];
    else if (arg === "--runtime") {
      const value = argv[++at];
      if (value !== "incremental" && value !== "stub") throw new Error("--runtime must be incremental or stub");
      runtime = value;
    } else dirs.push(arg);
  }
  if (dirs.length === 0)
    throw new Error("usage: bun scripts/build.ts <plugin-dir> [--out <dir>] [--runtime incremental|stub]");
  if (out !== undefined && dirs.length > 1) throw new Error("--out takes one plugin dir");
  return { dirs, out, runtime };
}

if (import.meta.main) {
  try {
    const { dirs, out, runtime } = parseArgs(process.argv.slice(2));
    for (const dir of dirs) {
      const built = await buildAsPlugin(resolve(dir), out === undefined ? undefined : resolve(out), runtime);
      process.stdout.write(`built ${built.wasm} (${built.bytes} bytes, sha256 ${built.sha256})\n`);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
