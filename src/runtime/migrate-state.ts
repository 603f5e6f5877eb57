import type { Context } from "../core/context";
import { migrateChecksConfigVars } from "../plugins/checks/config-vars";
import { drainLegacyEnvFiles, migrateEnvLayout } from "../plugins/config/migrate-env";
import { migrateTraceProperty } from "../plugins/trace/trace-file";

/**
 * Brings state written by earlier versions to today's layout before a command runs: each step
 * idempotent and crash-safe (a kill at any line leaves what the next command completes).
 */
export async function migrateState(ctx: Context): Promise<void> {
  try {
    migrateTraceProperty(ctx);
    await migrateEnvLayout(ctx);
  } catch (error) {
    // a user who may not write the state (help, version as a plain user) leaves it to the next one who may
    if (!isPermissionError(error)) throw error;
  }
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM";
}

/**
 * `plugin:install --core`: what Dokku's core plugins do at install: the pre-0.38 ENV files'
 * drain first (Dokku's checks install fires config-migrate-env before it reads a variable), then
 * the checks plugin's deprecated variables moved to its properties.
 */
export async function installCore(ctx: Context): Promise<void> {
  await drainLegacyEnvFiles(ctx);
  await migrateChecksConfigVars(ctx);
}
