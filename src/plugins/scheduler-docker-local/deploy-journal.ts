import { readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { schedulerDataDir } from "../scheduler/shared/properties";

/**
 * Where a docker-local deploy (or restart) of an app stands, written before each step that
 * changes what runs or what the proxy routes to, so that whoever takes the app's deploy lock
 * after a crash knows which way to finish it (see settle-deploy.ts):
 * - `starting`: new containers may exist under `.upcoming-<deployId>` names; the proxy still
 *   routes to the old ones.
 * - `switching`: the proxy may route to the new containers (its switch was begun).
 * - `committed`: the new containers are the app's (a restart's commit point; a new release's
 *   commit point is the release plugin's `current` pointer naming `releaseId`).
 */
export interface DeployJournal {
  /** `<release>-<random>`: the suffix of the new containers' `.upcoming-` names. */
  readonly deployId: string;
  readonly releaseId: number;
  /** The release live when the deploy began (null: the app's first deploy). */
  readonly previousReleaseId: number | null;
  readonly phase: "starting" | "switching" | "committed";
  /** The process types it starts containers of (the proxy is switched for those it routes to). */
  readonly types: readonly string[];
  /** The containers this deploy replaces (their ids). */
  readonly old: readonly string[];
  /** Old containers it stopped before starting the new ones (checks:disable): a rollback starts them again. */
  readonly stopped: readonly string[];
  readonly pid: number;
  readonly startedAt: string;
}

/** `$DOKKU_LIB_ROOT/data/scheduler-docker-local/<app>/deploy.json`. */
export function journalPath(ctx: Pick<Context, "paths">, app: string): string {
  return `${schedulerDataDir(ctx, app)}/deploy.json`;
}

/** The app's unfinished deploy, if any (an unreadable journal reads as none only when absent). */
export function readJournal(ctx: Pick<Context, "paths">, app: string): DeployJournal | undefined {
  let text: string;
  try {
    text = readFileSync(journalPath(ctx, app), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as DeployJournal;
}

/** Writes the journal atomically: a crash leaves the previous phase or this one. */
export function writeJournal(
  ctx: Pick<Context, "paths" | "owner">,
  app: string,
  journal: DeployJournal,
): DeployJournal {
  atomicWriteFileSync(journalPath(ctx, app), `${JSON.stringify(journal)}\n`, { mode: 0o600, owner: ctx.owner });
  return journal;
}

/** The deploy is settled: nothing is left to finish or undo. */
export function removeJournal(ctx: Pick<Context, "paths">, app: string): void {
  rmSync(journalPath(ctx, app), { force: true });
}

/**
 * Whether the deploy reached its commit point: the journal says so (a restart), or the
 * release's `current` pointer names the deploy's new release (a deploy of a new release, whose
 * pointer is written before the journal's phase). Pure.
 */
export function isCommitted(
  journal: Pick<DeployJournal, "phase" | "releaseId" | "previousReleaseId">,
  currentReleaseId: number | undefined,
): boolean {
  if (journal.phase === "committed") return true;
  return journal.releaseId !== journal.previousReleaseId && currentReleaseId === journal.releaseId;
}
