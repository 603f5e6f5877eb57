import { join } from "node:path";
import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { isDirectory } from "../../store/property-store";
import { computedBuilderProperty } from "./properties";

/**
 * Where an app is built from inside its extracted tree: the tree itself, or the `build-dir`
 * subdirectory (`builder:set <app> build-dir`, app over global). Dokku copies that directory
 * over the tree; we point the build at it instead. A missing directory fails the build in
 * Dokku's words.
 */
export function buildContextDir(ctx: Pick<Context, "store">, app: string, sourceDir: string): string {
  const raw = computedBuilderProperty(ctx, app, "build-dir");
  const buildDir = treeRelativePath(raw, "build-dir");
  if (buildDir === "") return sourceDir;
  const dir = join(sourceDir, buildDir);
  if (!isDirectory(dir))
    fail(`Specified build-dir not found in sourcecode working directory: ${buildDir}`, "build-dir-missing");
  return dir;
}
