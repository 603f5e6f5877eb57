/**
 * The bench's trivial notify plugin: AssemblyScript on the kit, built with the kit's own build
 * script (sdk/assemblyscript/scripts/build.ts) into an installable plugin directory. It handles
 * `post-create` and `deploy-failed`, reads and parses its input like a real handler would, and
 * returns success with no output. It asks for no permission and adds no command, so one build can
 * be installed under several names (`plugin:install <dir> --name N`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAsPlugin, type AsBuildResult } from "../../sdk/assemblyscript/scripts/build";

export const BENCH_PLUGIN = "bench-noop";
export const BENCH_TRIGGERS = ["post-create", "deploy-failed"] as const;

const MANIFEST = `name = "${BENCH_PLUGIN}"
version = "1.0.0"
description = "Does nothing on post-create and deploy-failed (bench/triggers.ts)"
sdk = 1

[module]
file = "${BENCH_PLUGIN}.wasm"

${BENCH_TRIGGERS.map((name) => `[[triggers]]\nname = "${name}"\nversion = 1\n`).join("\n")}
[limits]
timeout-ms = 5000
memory-mb = 1
`;

const SOURCE = `import { DeployFailedPayload, fail, ok, PostCreatePayload, readTrigger } from "@dokku/as-kit/assembly/index";

export function on_post_create(): i32 {
  const payload = PostCreatePayload.read(readTrigger().payload);
  return payload.app.length == 0 ? fail("no app") : ok();
}

export function on_deploy_failed(): i32 {
  const payload = DeployFailedPayload.read(readTrigger().payload);
  return payload.app.length == 0 ? fail("no app") : ok();
}
`;

/** Writes the plugin's source under `dir/src` and builds it into `dir/dist`. */
export async function buildBenchPlugin(dir: string): Promise<AsBuildResult> {
  const source = join(dir, "src");
  mkdirSync(join(source, "assembly"), { recursive: true });
  writeFileSync(join(source, "plugin.toml"), MANIFEST);
  writeFileSync(join(source, "assembly", "index.ts"), SOURCE);
  return buildAsPlugin(source, join(dir, "dist"));
}
