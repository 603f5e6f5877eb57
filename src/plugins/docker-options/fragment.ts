import { readFileSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import type { ContainerFragment, ContainerPhase } from "../../builders/container-fragment";
import {
  dockerOptionsBuildOptions,
  dockerOptionsContainerFragment,
  dockerOptionsEnvFiles,
} from "../../builders/docker-options-fragment";
import { DEFAULT_PROCESS } from "../../builders/docker-options-parse";
import type { BuildState } from "../../builders/docker-options-specs";
import { storedOptions } from "./properties";

/** A container's options: the app's for the phase, then (deploy only) its process type's own, as Dokku passes them. */
function containerOptions(
  ctx: Pick<Context, "store">,
  app: string,
  processType: string,
  phase: ContainerPhase,
): string[] {
  const options = storedOptions(ctx, app, DEFAULT_PROCESS, phase);
  if (phase === "deploy" && processType !== DEFAULT_PROCESS)
    options.push(...storedOptions(ctx, app, processType, "deploy"));
  return options;
}

/** The `--env-file` files, read now: a missing or unreadable one fails the container's creation, naming it. */
function readEnvFiles(paths: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of paths) {
    try {
      files.set(path, readFileSync(path, "utf8"));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      fail(
        code === "ENOENT"
          ? `Env file ${path} (docker option --env-file) does not exist`
          : `Env file ${path} (docker option --env-file) cannot be read: ${code}`,
        "missing-env-file",
      );
    }
  }
  return files;
}

/** What the app's docker options add to one deploy (`processType`'s) or run container. */
export async function dockerOptionsFragment(
  ctx: Context,
  app: string,
  processType: string,
  phase: ContainerPhase,
): Promise<ContainerFragment> {
  const options = containerOptions(ctx, app, processType, phase);
  return dockerOptionsContainerFragment(options, phase, readEnvFiles(dockerOptionsEnvFiles(options, phase)));
}

/** The build phase's options for the image build: `buildargs`, `labels`, and `networkmode`, `shmsize`, `memory`, `memswap`, `nocache`, `pull`, `target` when given. */
export function dockerOptionsBuildArgs(ctx: Pick<Context, "store">, app: string): BuildState {
  return dockerOptionsBuildOptions(storedOptions(ctx, app, DEFAULT_PROCESS, "build"));
}
