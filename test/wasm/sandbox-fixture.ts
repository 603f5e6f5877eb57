/**
 * The sandbox tests' plugin: test/wasm/fixtures/sandbox-probe/assembly/index.ts compiled with asc
 * (no WASI, abort through error_set, no memory maximum so the process limit is what stops it),
 * plus InstalledPlugin records pointing at it.
 */
import asc from "assemblyscript/asc";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Grants, InstalledPlugin, PluginLimits } from "../../src/wasm/types";
import { REPO_ROOT } from "../harness";

const SOURCE = join(REPO_ROOT, "test", "wasm", "fixtures", "sandbox-probe", "assembly", "index.ts");

export interface BuiltModule {
  readonly path: string;
  readonly sha256: string;
}

/** Compiles the probe into `dir/<name>.wasm`; with `maximumPages`, its memory declares that maximum. */
export async function buildProbe(
  dir: string,
  options: { name?: string; maximumPages?: number } = {},
): Promise<BuiltModule> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${options.name ?? "probe"}.wasm`);
  const maximum = options.maximumPages === undefined ? [] : ["--maximumMemory", String(options.maximumPages)];
  let diagnostics = "";
  const sink = {
    write: (chunk: string | Uint8Array) => {
      diagnostics += String(chunk);
      return true;
    },
  };
  const { error } = await asc.main(
    [
      "index.ts",
      "--baseDir",
      dirname(SOURCE),
      "--outFile",
      path,
      "--optimize",
      "--noColors",
      "--runtime",
      "incremental",
      "--use",
      "abort=index/myAbort",
      "--path",
      join(REPO_ROOT, "node_modules"),
      ...maximum,
    ],
    { stdout: sink, stderr: sink },
  );
  if (error) throw new Error(`asc failed on the sandbox probe:\n${diagnostics || error.message}`);
  return { path, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

export const NO_GRANTS: Grants = { net: [], config: false, store: false, nginx: false, dockerArgs: false };
export const ALL_GRANTS: Grants = { net: ["*"], config: true, store: true, nginx: true, dockerArgs: true };

/** An installed-plugin record for the probe module at `module`, installed in its folder. */
export function probePlugin(
  module: BuiltModule,
  options: {
    name?: string;
    grants?: Grants;
    limits?: Partial<PluginLimits>;
    triggers?: readonly string[];
    commands?: readonly string[];
    enabled?: boolean;
  } = {},
): InstalledPlugin {
  const dir = module.path.slice(0, module.path.lastIndexOf("/"));
  const file = module.path.slice(dir.length + 1);
  return {
    manifest: {
      name: options.name ?? "probe",
      version: "1.0.0",
      description: "sandbox probe",
      sdk: 1,
      module: { file, sha256: module.sha256 },
      triggers: (options.triggers ?? []).map((name) => ({ name, version: 1 })),
      commands: (options.commands ?? []).map((name) => ({ name, help: `Runs ${name}`, usage: "", app: false })),
      permissions: { net: true, config: true, store: true, nginx: true, dockerArgs: true },
      limits: { timeoutMs: options.limits?.timeoutMs ?? 5000, memoryMb: options.limits?.memoryMb ?? 16 },
    },
    grants: options.grants ?? ALL_GRANTS,
    enabled: options.enabled ?? true,
    dir,
    source: dir,
    installedAt: "2025-01-01T00:00:00.000Z",
  };
}
