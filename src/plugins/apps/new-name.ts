import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { reservedAppNameProblem } from "../../core/state-names";
import { assertValidAppName } from "../../core/validation";
import { listInstalledPlugins } from "../../wasm/registry";

/**
 * The name of an app about to be created, renamed to or cloned to: a valid app name that is not
 * reserved (core/state-names reservedAppNameProblem), checked before anything is written.
 */
export function assertNewAppName(ctx: Pick<Context, "paths">, name: string | undefined): string {
  const app = assertValidAppName(name);
  const installed = listInstalledPlugins(ctx.paths).map((plugin) => plugin.manifest.name);
  const problem = reservedAppNameProblem(app, installed);
  if (problem) fail(problem, "reserved-app-name");
  return app;
}
