import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context";
import { storedBuildpacks } from "../buildpacks/properties";
import { readEnv } from "../config/env-store";

/**
 * Builders Dokku ships that this host does not (they need images from a registry or tools we do
 * not bundle), with what each builds from. `builder:set <app> selected` takes their names as
 * Dokku does, and `builder-detect` answers with them as Dokku would; a deploy that needs one
 * fails, saying so.
 */
export const UNAVAILABLE_BUILDERS: Readonly<Record<string, string>> = {
  herokuish: "Heroku buildpacks through the herokuish image",
  lambda: "AWS Lambda images through lambda-builder",
  nixpacks: "nixpacks",
  pack: "Cloud Native Buildpacks through pack",
  railpack: "railpack",
};

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The file that makes Dokku pick a builder, by builder (Dokku's builder-*\/builder-detect). */
const MARKER_FILES: Readonly<Record<string, string>> = {
  lambda: "lambda.yml",
  nixpacks: "nixpacks.toml",
  pack: "project.toml",
  railpack: "railpack.json",
};

/** Whether Dokku's herokuish builder claims the tree: `.buildpacks`, a `.env` naming BUILDPACK_URL, the app's BUILDPACK_URL, or its buildpacks list. */
export function detectsHerokuish(ctx: Pick<Context, "store">, app: string, sourceDir: string): boolean {
  if (isFile(join(sourceDir, ".buildpacks"))) return true;
  const dotenv = join(sourceDir, ".env");
  if (isFile(dotenv) && statSync(dotenv).size <= 1024 * 1024 && readFileSync(dotenv, "utf8").includes("BUILDPACK_URL"))
    return true;
  if ((readEnv(ctx, { kind: "app", app }).get("BUILDPACK_URL") ?? "") !== "") return true;
  // Dokku writes the app's buildpacks:add list into the tree as .buildpacks before detection
  return storedBuildpacks(ctx, app).length > 0;
}

/** Whether the tree has the marker file of `builder` (lambda, nixpacks, pack, railpack). */
export function hasMarkerFile(builder: string, sourceDir: string): boolean {
  const file = MARKER_FILES[builder];
  return file !== undefined && isFile(join(sourceDir, file));
}

/** The builders, in Dokku's plugin order, that claim a tree by a marker file alone. */
export const MARKER_BUILDERS = Object.keys(MARKER_FILES).sort();
