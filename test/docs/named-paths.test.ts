import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

/** Repo paths a document names in backticks: `src/...`, `test/...`, and so on (no globs or placeholders). */
function namedRepoPaths(markdown: string): string[] {
  const paths = new Set<string>();
  for (const match of markdown.matchAll(/`([^`\s]+)`/g)) {
    const text = (match[1] as string).replace(/[:#].*$/, "").replace(/\/$/, "");
    if (!/^(src|test|bench|sdk|docs|plugins-wasm|compat|\.ci)(\/|$)/.test(text)) continue;
    if (/[*<>{}]/.test(text)) continue;
    paths.add(text);
  }
  return [...paths].sort();
}

describe.each([
  "README.md",
  "bench/README.md",
  "sdk/README.md",
  ...readdirSync(join(REPO_ROOT, "docs")).map((name) => `docs/${name}`),
])("%s", (document) => {
  test("every repo path it names exists", () => {
    const named = namedRepoPaths(readFileSync(join(REPO_ROOT, document), "utf8"));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
  });
});

test("a path that does not exist is reported", () => {
  const named = namedRepoPaths("see `src/plugins/no-such-plugin/x.ts` and `src/main.ts:12` and `src/plugins/*`");
  expect(named).toEqual(["src/main.ts", "src/plugins/no-such-plugin/x.ts"]);
  expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual(["src/plugins/no-such-plugin/x.ts"]);
});
