import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import type { ReportArgs } from "../../core/report-args";
import { appJsonManagesScale } from "../../builders/ps-scale";
import { GLOBAL } from "../../store/property-store";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import type { RetireEntry } from "../scheduler/shared/retire-queue";
import { printReports } from "../apps/report";
import { formationFor } from "./formation";
import { PS_DEFAULTS, PS_PLUGIN } from "./properties";
import { overdueRetirements, retireOverdueValue, retireOverdueWarning } from "./retire-overdue";

const COMPUTED_DEFAULTS: Readonly<Record<string, string>> = {
  "procfile-path": "Procfile",
  "restart-policy": PS_DEFAULTS["restart-policy"] as string,
  "skip-deploy": "false",
  "stop-timeout-seconds": "30",
};

/**
 * The ps report of an app (with its containers' states) or of --global, as Dokku's ps/report.go,
 * plus `--ps-retire-overdue`: the app's (for --global, every app's) old containers still there
 * past their retire time (see retire-overdue.ts), `false` when none.
 */
export async function psReport(
  ctx: Context,
  target: string,
  known: { overdue?: readonly RetireEntry[] } = {},
): Promise<Report> {
  const get = (scope: string, key: string) => ctx.store.get(PS_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {};
  const overdue = known.overdue ?? (await overdueRetirements(ctx, target === GLOBAL ? undefined : target));
  entries["--ps-retire-overdue"] = retireOverdueValue(overdue, ctx.now().getTime());
  for (const key of Object.keys(COMPUTED_DEFAULTS)) {
    const own = target === GLOBAL ? "" : get(target, key);
    entries[`--ps-global-${key}`] = get(GLOBAL, key);
    entries[`--ps-computed-${key}`] = own || get(GLOBAL, key) || (COMPUTED_DEFAULTS[key] as string);
    if (target !== GLOBAL) entries[`--ps-${key}`] = own;
  }
  if (target === GLOBAL) return { type: "ps", target, entries };
  const release = currentRelease(ctx, target);
  const scheduler = release ? schedulerFor(ctx, target) : undefined;
  const list = release && scheduler ? await scheduler.status(ctx, target) : [];
  for (const key of ["dockerfile-start-cmd", "start-cmd"]) {
    entries[`--ps-${key}`] = get(target, key);
    entries[`--ps-computed-${key}`] = get(target, key);
  }
  entries["--deployed"] = String(release !== undefined);
  entries["--processes"] = String(list.length);
  entries["--ps-can-scale"] = String(!(release && appJsonManagesScale(release.appJson.formation)));
  entries["--restore"] = get(target, "restore") || "true";
  // the scheduler's own answer, the one ps:start decides on
  entries["--running"] =
    release && scheduler ? await scheduler.running(ctx, target, formationFor(ctx, target, release)) : "false";
  for (const container of list) {
    entries[`--status-${container.proc}.${container.index}`] = `${container.state} (CID: ${container.id.slice(0, 11)})`;
  }
  return { type: "ps", target, entries };
}

/**
 * `ps:report`: the reports of the global scope, one app or every app, then, on the human
 * format, one warning when any of them has old containers overdue for retirement.
 */
export async function printPsReports(ctx: Context, args: ReportArgs): Promise<void> {
  const overdue = new Map<string, RetireEntry>();
  await printReports(ctx, args, async (target) => {
    const found = await overdueRetirements(ctx, target === GLOBAL ? undefined : target);
    for (const entry of found) overdue.set(entry.id, entry);
    return psReport(ctx, target, { overdue: found });
  });
  const human = args.infoFlag === undefined && (args.format ?? "stdout") === "stdout";
  if (human && overdue.size > 0) ctx.out.warn(retireOverdueWarning([...overdue.values()], ctx.now().getTime()));
}
