import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { REPO_ROOT } from "../harness";

/**
 * Every module a command loads before it runs: the static, non-type imports reachable from
 * src/main.ts (dynamic imports load on demand and are not followed). Packages appear by name.
 */
function startupModules(): Map<string, string> {
  const transpiler = new Bun.Transpiler({ loader: "ts" });
  const importer = new Map<string, string>();
  const queue: [string, string][] = [[resolve(REPO_ROOT, "src/main.ts"), "(entry)"]];
  while (queue.length > 0) {
    const [file, from] = queue.shift() as [string, string];
    const name = file.startsWith("/") ? relative(REPO_ROOT, file) : file;
    if (importer.has(name)) continue;
    importer.set(name, from);
    if (!file.endsWith(".ts")) continue;
    for (const { kind, path } of transpiler.scanImports(readFileSync(file, "utf8"))) {
      if (kind !== "import-statement") continue;
      if (!path.startsWith(".")) {
        queue.push([path, name]);
        continue;
      }
      const base = resolve(dirname(file), path);
      const found = [`${base}.ts`, `${base}/index.ts`, base].find(
        (candidate) => existsSync(candidate) && /\.(ts|json)$/.test(candidate),
      );
      if (found) queue.push([found, name]);
    }
  }
  return importer;
}

describe("startup imports", () => {
  test("no command loads TypeBox or the trigger declarations before it runs", () => {
    const modules = startupModules();
    expect(modules.has("src/triggers/bus.ts")).toBe(true);
    expect(modules.has("src/triggers/generated/validators.ts")).toBe(true);
    const heavy = [...modules].filter(
      ([name]) =>
        name.startsWith("@sinclair/typebox") || name.startsWith("sdk/triggers/") || name === "src/triggers/redact.ts",
    );
    expect(heavy.map(([name, from]) => `${name} <- ${from}`)).toEqual([]);
  });
});
