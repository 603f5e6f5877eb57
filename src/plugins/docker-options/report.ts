import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { printReport, reportJson, type Report } from "../../core/report";
import type { ReportArgs } from "../../core/report-args";
import { DEFAULT_PROCESS, PHASES } from "../../builders/docker-options-parse";
import { GLOBAL } from "../../store/property-store";
import { NO_APPS_MESSAGE, visibleApps } from "../apps/app-list";
import { byteOrder, processTypesWithOptions, storedOptions } from "./properties";

type Store = Pick<Context, "store">;

/** The docker-options report of an app (or the empty --global one), as Dokku's docker-options/report.go. */
export function dockerOptionsReport(ctx: Store, target: string): Report {
  const entries: Record<string, string> = {};
  if (target !== GLOBAL) {
    for (const phase of PHASES)
      entries[`--docker-options-${phase}`] = storedOptions(ctx, target, DEFAULT_PROCESS, phase).join(" ");
    for (const processType of processTypesWithOptions(ctx, target)) {
      entries[`--docker-options-deploy.${processType}`] = storedOptions(ctx, target, processType, "deploy").join(" ");
    }
  }
  return { type: "docker-options", target, entries };
}

/** `--format json`: Dokku's string keys plus a `<key>-list` array of the stored options per phase and process. */
export function dockerOptionsReportJson(ctx: Store, target: string): string {
  const data: Record<string, unknown> = JSON.parse(reportJson(dockerOptionsReport(ctx, target)));
  if (target !== GLOBAL) {
    for (const phase of PHASES) data[`${phase}-list`] = storedOptions(ctx, target, DEFAULT_PROCESS, phase);
    for (const processType of processTypesWithOptions(ctx, target))
      data[`deploy.${processType}-list`] = storedOptions(ctx, target, processType, "deploy");
  }
  return JSON.stringify(Object.fromEntries(Object.entries(data).sort(([a], [b]) => byteOrder(a, b))));
}

/** `docker-options:report [<app>|--global] [--format json] [<flag>]` for one app or every app. */
export async function printDockerOptionsReports(ctx: Context, args: ReportArgs): Promise<void> {
  const print = (target: string) => {
    if (args.format === "json" && args.infoFlag === undefined) ctx.out.print(dockerOptionsReportJson(ctx, target));
    else printReport(ctx.out, dockerOptionsReport(ctx, target), { format: args.format, flag: args.infoFlag });
  };
  if (args.global) return print(GLOBAL);
  if (args.app !== undefined) return print(verifyApp(ctx, args.app));
  const apps = await visibleApps(ctx);
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  for (const app of apps) print(app);
}
