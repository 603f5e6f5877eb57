/** Shared bits of the plugin:* CLI tests. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, type RunResult } from "../harness";
import { writePlugin, type FixtureSpec } from "./plugin-fixture";

/** Every file and directory under `dir`, relative and sorted ([] when it does not exist). */
export function filesUnder(dir: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
  } catch {
    return [];
  }
}

/** Writes a plugin under the roots' temp dir and installs it with these flags. */
export async function installFixture(
  roots: { dir: string; env: Record<string, string> },
  spec: FixtureSpec,
  flags: readonly string[] = [],
): Promise<RunResult & { source: string }> {
  const source = writePlugin(join(roots.dir, "src", spec.name ?? "hello", spec.version ?? "1.0.0"), spec);
  const result = await runDokku(["plugin:install", source, ...flags], { env: roots.env });
  return { ...result, source };
}

export function wasmRoot(env: Record<string, string>): string {
  return join(env.DOKKU_LIB_ROOT as string, "plugins", "wasm");
}

/** The WASM plugins of a `plugin:list --format json` document (it lists the core plugins too). */
export function wasmPluginsListed(stdout: string): { name: string; enabled: boolean; [key: string]: unknown }[] {
  return (JSON.parse(stdout) as { name: string; enabled: boolean; core: boolean }[]).filter((plugin) => !plugin.core);
}
