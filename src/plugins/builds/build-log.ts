import { closeSync, fchownSync, openSync, writeSync } from "node:fs";
import type { Context } from "../../core/context";
import { withOutput } from "../../core/with-output";
import { ensureDir } from "../../store/atomic-write";
import { newBuildId } from "./build-id";
import { type BuildRecord, buildsDir, logPath, pruneRecords, writeRecord } from "./records";
import { teeOutput } from "./tee-output";

export interface BuildOptions {
  /** What started it, in Dokku's words: `git-hook`, `git:from-image`, `ps:rebuild` ... */
  readonly source?: string;
  readonly kind?: "build" | "deploy";
}

export interface StartedBuild {
  readonly id: string;
  /** The same context, with `out` also writing into the build log. */
  readonly ctx: Context;
  finish(status: "succeeded" | "failed"): void;
}

/**
 * Opens a build record: `data/builds/<app>/<id>.json` (status running) and `<id>.log`, which
 * receives every line the deploy prints as it prints it, so a crash keeps what was shown.
 * `finish` records the outcome and the time, then closes the log.
 */
export function startBuild(ctx: Context, app: string, options: BuildOptions = {}): StartedBuild {
  const id = newBuildId(ctx.now());
  ensureDir(buildsDir(ctx, app), ctx.owner);
  const fd = openSync(logPath(ctx, app, id), "a", 0o640);
  if (ctx.owner) fchownSync(fd, ctx.owner.uid, ctx.owner.gid);
  let open = true;
  const log = (text: string) => {
    if (!open) return;
    try {
      writeSync(fd, text);
    } catch {
      // a full disk must not fail the deploy: the user still sees the output
    }
  };
  const record: BuildRecord = {
    id,
    app,
    kind: options.kind ?? "build",
    pid: process.pid,
    started_at: ctx.now().toISOString(),
    status: "running",
    source: options.source ?? "unknown",
  };
  writeRecord(ctx, record);
  // handlers of triggers fired during the build print through the same teed output
  const buildContext = withOutput(ctx, teeOutput(ctx.out, log));
  return {
    id,
    ctx: buildContext,
    finish(status) {
      if (!open) return;
      open = false;
      closeSync(fd);
      writeRecord(ctx, {
        ...record,
        status,
        finished_at: ctx.now().toISOString(),
        exit_code: status === "succeeded" ? 0 : 1,
      });
      pruneRecords(ctx, app);
    },
  };
}
