import type { Context } from "../../core/context";
import { settleAbandonedReleases } from "../release/settle-releases";
import type { RecoverOptions } from "../scheduler/scheduler";
import { SCHEDULERS } from "../scheduler/select-scheduler";

/**
 * Settles whatever a crash left of the app's deploys, so that the release records, what runs and
 * what the proxy routes to agree again: each scheduler settles its own unfinished deploy (a
 * deploy journal; when interrupted, services of an unrecorded release), then release records
 * still `pending` become `succeeded` (the current one) or `failed` (their images go). The
 * caller holds the app's deploy lock (so nothing it settles is still being done); idempotent,
 * and safe to interrupt: the next holder of the lock finishes it. Costs two file reads when
 * nothing was left.
 */
export async function recoverApp(ctx: Context, app: string, options: RecoverOptions): Promise<void> {
  for (const scheduler of Object.values(SCHEDULERS)) await scheduler.recover(ctx, app, options);
  await settleAbandonedReleases(ctx, app, { unrecordedBuilds: options.interrupted });
}
