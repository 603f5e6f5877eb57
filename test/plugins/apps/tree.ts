import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every path under `root` with file contents, so a test can assert that nothing was written. */
export function snapshotTree(root: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const key = relative(root, path);
      if (statSync(path).isDirectory()) {
        tree[`${key}/`] = "";
        walk(path);
      } else tree[key] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return tree;
}

/** Names that `assertValidAppName` must refuse, each with nothing created. */
export const BAD_APP_NAMES = ["Upper", "snake_case", "a/b", "..", "a..b", "a;b", "a$b", "a b", "x".repeat(64)];

/** DOKKU_ROOT of a tempRoots() env. */
export function homeOf(env: Record<string, string>): string {
  return env.DOKKU_ROOT as string;
}

/** DOKKU_LIB_ROOT of a tempRoots() env. */
export function libOf(env: Record<string, string>): string {
  return env.DOKKU_LIB_ROOT as string;
}
