import type { Context } from "../../core/context";
import { formatVersion } from "../release/describe";
import { readJournal } from "./deploy-journal";
import { settleDeploy } from "./settle-deploy";

/**
 * docker-local's recovery: a deploy journal left behind means a deploy (or restart) of the app
 * stopped before settling. It is finished when it reached its commit point, undone otherwise,
 * and the proxy is switched to whichever containers then serve (its switch may have begun).
 * The caller holds the app's deploy lock, so the deploy that wrote the journal is gone.
 */
export async function recoverDeploy(ctx: Context, app: string): Promise<void> {
  const journal = readJournal(ctx, app);
  if (!journal) return;
  ctx.out.step(
    `Settling an unfinished deploy of ${app} (${formatVersion(journal.releaseId)}, pid ${journal.pid}, stopped while ${journal.phase})`,
  );
  const settled = await settleDeploy(ctx, await ctx.docker(), app, journal, {
    repoint: journal.phase !== "starting",
    announce: true,
  });
  ctx.out.detail(
    settled === "rolled-forward"
      ? `Finished it: ${formatVersion(journal.releaseId)} serves`
      : "Undid it: the containers that served before it serve",
  );
}
