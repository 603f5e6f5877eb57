import { DokkuError } from "../../core/errors";
import type { DeployHooks } from "./contracts";

/**
 * Runs the pipeline's commit hook at a scheduler's commit point. A failure (the pointer could
 * not be written: disk full, read-only state) becomes the error the user sees; the scheduler
 * rolls the deploy back before it propagates.
 */
export function runCommitHook(app: string, hooks: DeployHooks): void {
  try {
    hooks.commit?.();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DokkuError(`Could not record the deploy of ${app} as done (${why}); it was rolled back`, {
      code: "deploy-commit-failed",
      cause: error,
    });
  }
}
