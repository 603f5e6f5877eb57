import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { REPO_ROOT } from "./harness";

/**
 * The one scanner of imports the structure tests share (layering, the scheduler boundary, import
 * cycles): what a TypeScript file imports, read off its text.
 */

/** One import of a file: what it names, whether it is `import type`/`export type`, whether it is an `import()`. */
export interface Import {
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly dynamic: boolean;
}

const STATIC = /\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g;

/** The imports in `text`: static ones (re-exports included) and `import()`s; lines that are comments are skipped. */
export function importsOf(text: string): Import[] {
  const code = text.replace(/^\s*(?:\/\/|\/\*|\*).*$/gm, "");
  const found: Import[] = [];
  for (const match of code.matchAll(STATIC))
    found.push({ specifier: match[3] ?? "", typeOnly: match[2] !== undefined, dynamic: false });
  for (const match of code.matchAll(DYNAMIC)) found.push({ specifier: match[1] ?? "", typeOnly: false, dynamic: true });
  return found;
}

/** A source file: its path relative to the repo root (`src/plugins/ps/report.ts`) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Every `.ts` file under the repo folder `dir` (e.g. `src`), with repo-relative paths. */
export function sourceFiles(dir: string): SourceFile[] {
  return (readdirSync(join(REPO_ROOT, dir), { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => {
      const path = join(dir, file.split("\\").join("/"));
      return { path, text: readFileSync(join(REPO_ROOT, path), "utf8") };
    });
}

/** The repo-relative file a relative specifier of `from` names, without `.ts` (`src/x/y`); undefined for a package. */
export function importTarget(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return normalize(join(dirname(from), specifier)).replace(/\.ts$/, "");
}

/** An import edge between two files of `files` (paths without `.ts`), kept only when it runs (no `import type`). */
export interface RuntimeEdge {
  readonly from: string;
  readonly to: string;
  readonly dynamic: boolean;
}

/** The run-time import edges among `files`: type-only imports and imports of packages left out. */
export function runtimeEdges(files: readonly SourceFile[]): RuntimeEdge[] {
  const known = new Set(files.map((file) => file.path.replace(/\.ts$/, "")));
  const resolve = (target: string): string | undefined =>
    known.has(target) ? target : known.has(`${target}/index`) ? `${target}/index` : undefined;
  return files.flatMap((file) =>
    importsOf(file.text).flatMap((item) => {
      const target = item.typeOnly ? undefined : importTarget(file.path, item.specifier);
      const to = target === undefined ? undefined : resolve(target);
      return to === undefined ? [] : [{ from: file.path.replace(/\.ts$/, ""), to, dynamic: item.dynamic }];
    }),
  );
}

/** A path from `start` to `goal` over `edges` (both ends included), or undefined when there is none. */
export function importPath(edges: readonly RuntimeEdge[], start: string, goal: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const cameFrom = new Map<string, string>([[start, start]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (file === goal) {
      const path = [file];
      while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
      return path;
    }
    for (const to of next.get(file) ?? []) {
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, file);
      queue.push(to);
    }
  }
  return undefined;
}
