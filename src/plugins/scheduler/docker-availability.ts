/**
 * Runs `work`, treating "no Docker daemon here at all" (no socket, nothing listening) as
 * "nothing to clean up": an app on a host without Docker has no containers. Any other failure,
 * permission errors included, is thrown.
 */
export async function ignoreMissingDocker(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ECONNREFUSED") return;
    throw error;
  }
}
