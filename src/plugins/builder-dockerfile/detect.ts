import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context";
import { dockerfilePath } from "./dockerfile-path";

export const DOCKERFILE_BUILDER = "dockerfile";

/**
 * Whether the tree has the app's Dockerfile (at `dockerfile-path`, inside `build-dir`). Apart
 * from the builder itself so that registering the plugin loads nothing of the build (node:stream
 * alone costs every command about a millisecond and a half).
 */
export function hasDockerfile(ctx: Pick<Context, "store">, app: string, contextDir: string): boolean {
  const path = join(contextDir, dockerfilePath(ctx, app));
  return existsSync(path) && statSync(path).isFile();
}
