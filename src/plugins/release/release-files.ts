import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import { readFileFromImage } from "../../executors/docker/images";
import { buildContextDir } from "../builder/build-dir";
import type { BuiltImage, DeploySource } from "../deploy/contracts";
import { LABELS } from "../../builders/container-spec";

export interface ReleaseFiles {
  readonly procfile?: string;
  readonly appJson?: string;
  /** The legacy CHECKS file, at the root of the tree or the image's WORKDIR. */
  readonly checks?: string;
}

/**
 * The Procfile and app.json of a deploy: from the tree (inside `build-dir`, at `ps:set
 * procfile-path` and `app-json:set appjson-path` when set), or, for an image source, copied out
 * of the built image at its WORKDIR as Dokku does.
 */
export async function readReleaseFiles(
  ctx: Context,
  app: string,
  built: BuiltImage,
  source: DeploySource,
): Promise<ReleaseFiles> {
  const procfilePath =
    treeRelativePath(ctx.store.getComputed("ps", app, "procfile-path", "Procfile"), "procfile-path") || "Procfile";
  const appJsonPath =
    treeRelativePath(ctx.store.getComputed("app-json", app, "appjson-path", "app.json"), "appjson-path") || "app.json";
  if (source.kind === "tree") {
    const dir = buildContextDir(ctx, app, source.dir);
    return {
      procfile: readOptional(join(dir, procfilePath)),
      appJson: readOptional(join(dir, appJsonPath)),
      checks: readOptional(join(dir, "CHECKS")),
    };
  }
  const docker = await ctx.docker();
  const labels = { [LABELS.app]: app };
  return {
    procfile: await readFileFromImage(docker, built.image, procfilePath, labels),
    appJson: await readFileFromImage(docker, built.image, appJsonPath, labels),
    checks: await readFileFromImage(docker, built.image, "CHECKS", labels),
  };
}

function readOptional(path: string): string | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, "utf8") : undefined;
}
