import type { Context } from "../../core/context";

/** Where a deploy failed, as deploy-failed reports it. */
export type DeployStage = "build" | "release" | "deploy";

/** The error as the user saw it, with its cause when the message hides it (`App build failed: ...`). Pure. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  return cause === "" || message.includes(cause) ? message : `${message}: ${cause}`;
}

/**
 * Fires deploy-failed for a deploy that failed at `stage`, before its error propagates. Never
 * throws: the handlers' own failures are only warned, the deploy's error stays the one shown.
 */
export async function reportDeployFailure(
  ctx: Context,
  app: string,
  stage: DeployStage,
  releaseId: number | null,
  error: unknown,
): Promise<void> {
  try {
    await ctx.bus.fire("deploy-failed", { app, stage, reason: failureReason(error), releaseId });
  } catch (failure) {
    ctx.out.warn(
      `deploy-failed could not be reported: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  }
}
