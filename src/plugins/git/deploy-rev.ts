import type { Context } from "../../core/context";
import { setConfig } from "../config/mutations";
import type { Release } from "../deploy/contracts";
import { deployApp } from "../deploy/pipeline";
import { APPS_PLUGIN } from "../apps/paths";
import { extractRev, tempBuildDir } from "./build-dir";
import { revEnvVar } from "./properties";
import { quietly } from "../../core/with-output";

/**
 * Deploys commit `rev` of the app's repo: the rev env var (GIT_REV unless `rev-env-var` says
 * otherwise, none when it is empty) is saved without a restart, the tree is extracted to a temp
 * dir (removed afterwards, whatever happens) and goes through the pipeline.
 */
export async function deployRev(
  ctx: Context,
  app: string,
  rev: string,
  options: { origin?: "git" | "archive"; setRevEnv?: boolean } = {},
): Promise<Release> {
  const name = revEnvVar(ctx, app);
  if (options.setRevEnv !== false && name !== "") {
    await setConfig(quietly(ctx), { kind: "app", app }, new Map([[name, rev]]), { restart: false });
  }
  using dir = tempBuildDir(app);
  await extractRev(ctx, app, rev, dir.path);
  return await deployApp(ctx, app, { kind: "tree", dir: dir.path, origin: options.origin ?? "git", rev });
}

/** Dokku's deploy-source-set trigger: the apps report shows where the running code came from. */
export function recordDeploySource(ctx: Context, app: string, type: string, metadata: string): void {
  ctx.store.set(APPS_PLUGIN, app, "deploy-source", type);
  ctx.store.set(APPS_PLUGIN, app, "deploy-source-metadata", metadata);
}
