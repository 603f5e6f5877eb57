import { parseAppJson } from "../../builders/app-json";
import { validateChecks } from "../../builders/healthcheck-plan";
import type { AppJson } from "../../builders/app-json-types";
import { predeployCommitChanges } from "../../builders/release-task";
import { parseProcfile } from "../../builders/procfile";
import { splitImageReference } from "../../builders/registry-image";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { inspectImage } from "../../executors/docker/images";
import type { BuiltImage, DeploySource, Release } from "../deploy/contracts";
import { deployDescription } from "./describe";
import { readReleaseFiles } from "./release-files";
import { writeRelease } from "./release-store";
import { runDeployTask } from "./tasks";

export {
  commitRelease,
  currentRelease,
  discardRelease,
  markReleaseSucceeded,
  nextReleaseId,
} from "./release-store";

/**
 * The release stage: `-----> Releasing <app>...`, the Procfile and app.json read and checked,
 * app.json's predeploy run in the built image and committed to the same tag (its CMD kept),
 * then the release record written (`pending` until it goes live). Nothing here touches the
 * running containers.
 */
export async function createRelease(
  ctx: Context,
  app: string,
  id: number,
  built: BuiltImage,
  source: DeploySource,
  options: { readonly description?: string } = {},
): Promise<Release> {
  ctx.out.step(`Releasing ${app}...`);
  const files = await readReleaseFiles(ctx, app, built, source);
  const processes = files.procfile === undefined ? {} : parseProcfile(files.procfile);
  const appJson: AppJson = files.appJson === undefined ? {} : parseAppJson(files.appJson);
  validateChecks(appJson, files.checks);
  const predeploy = appJson.scripts?.dokku?.predeploy ?? "";
  let changes: string[] = [];
  if (predeploy !== "") {
    const config = await inspectImage(await ctx.docker(), built.image);
    changes = predeployCommitChanges(app, config?.cmd ?? null);
  }
  const { repo, tag } = splitImageReference(built.image);
  const result = await runDeployTask(ctx, {
    app,
    image: built.image,
    phase: "predeploy",
    command: predeploy,
    from: "app.json",
    commitTo: { repo, tag, changes },
  });
  if (result && result.exitCode !== 0)
    fail(`Execution of predeploy task failed: ${predeploy} (exit code ${result.exitCode})`, "predeploy-failed");
  const imageId = (await inspectImage(await ctx.docker(), built.image))?.id;
  const release: Release = {
    id,
    app,
    image: built.image,
    builder: built.builder,
    source: source.origin,
    ...(source.kind === "tree" && source.rev ? { gitRev: source.rev } : {}),
    createdAt: ctx.now().toISOString(),
    processes,
    appJson,
    ...(files.checks !== undefined ? { checksFile: files.checks } : {}),
    ...(imageId ? { imageId } : {}),
    description: options.description ?? deployDescription(buildSourceLabel(source), source),
    user: ctx.user,
    status: "pending",
  };
  writeRelease(ctx, release);
  return release;
}

/** The Procfile's `release` process, once, in a one-off container; a failure stops the deploy. */
export async function runReleaseCommand(ctx: Context, app: string, release: Release): Promise<void> {
  const command = release.processes.release ?? "";
  const result = await runDeployTask(ctx, { app, image: release.image, phase: "release", command, from: "Procfile" });
  if (result && result.exitCode !== 0)
    fail(`Release command failed with exit code ${result.exitCode}: ${command}`, "release-failed");
}

/** app.json's postdeploy, in a one-off container, not committed; a failure fails the deploy, as in Dokku. */
export async function runPostdeploy(ctx: Context, app: string, release: Release): Promise<void> {
  const command = release.appJson.scripts?.dokku?.postdeploy ?? "";
  const result = await runDeployTask(ctx, {
    app,
    image: release.image,
    phase: "postdeploy",
    command,
    from: "app.json",
  });
  if (result && result.exitCode !== 0)
    fail(`Execution of postdeploy task failed: ${command} (exit code ${result.exitCode})`, "postdeploy-failed");
}

/** The build source a deploy of `source` reports when no caller named one (as the pipeline's buildSourceOf). Pure. */
function buildSourceLabel(source: DeploySource): string {
  return { git: "git-hook", archive: "git:from-archive", image: "git:from-image", "load-image": "git:load-image" }[
    source.origin
  ];
}
