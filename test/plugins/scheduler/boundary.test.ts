import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { importTarget, importsOf as scanImports, sourceFiles } from "../../import-graph";

const ROOT = join(import.meta.dir, "../../..");
const SRC = join(ROOT, "src");

/** Every .ts file under `dir`, relative to the repo root. */
function sources(dir: string): string[] {
  return sourceFiles(relative(ROOT, dir)).map((file) => file.path);
}

/** The repo-relative targets of a file's relative imports (static, dynamic and re-exports). */
function importsOf(file: string): string[] {
  return scanImports(readFileSync(join(ROOT, file), "utf8")).flatMap(
    ({ specifier }) => importTarget(file, specifier) ?? [],
  );
}

/** Files outside `scheduler` (and not allowed) that import one of its files: `file -> target`. */
function reachingIn(scheduler: string, allowed: (file: string) => boolean): string[] {
  const inside = `src/plugins/${scheduler}/`;
  return sources(SRC)
    .filter((file) => !file.startsWith(inside) && !allowed(file))
    .flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(inside) || target === inside.slice(0, -1))
        .map((target) => `${file} -> ${target}`),
    );
}

const REGISTRIES = ["src/plugins/scheduler/select-scheduler.ts", "src/plugins/core-plugins.ts"];

describe("the scheduler boundary (issue 13)", () => {
  test("no module outside docker-local imports its files but the registry and the core plugin list", () => {
    expect(reachingIn("scheduler-docker-local", (file) => REGISTRIES.includes(file))).toEqual([]);
  });

  test("no module outside swarm imports its files but the registry, the core plugin list and its own commands", () => {
    expect(
      reachingIn("scheduler-swarm", (file) => REGISTRIES.includes(file) || file.startsWith("src/cli/scheduler-swarm/")),
    ).toEqual([]);
  });

  test("the scan sees an import that reaches in (it can fail)", () => {
    expect(importsOf("src/plugins/scheduler/select-scheduler.ts")).toContain(
      "src/plugins/scheduler-docker-local/docker-local",
    );
  });
});
