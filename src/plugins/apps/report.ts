import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { appDir } from "../../core/paths";
import { fromReportSection, printReport, type Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { NO_APPS_MESSAGE, visibleApps } from "./app-list";
import { isDeployLocked } from "./deploy-lock";
import { APPS_PLUGIN } from "./paths";
import type { ReportArgs } from "../../core/report-args";

/** The `app` report of one app, or of the global scope (only the global property), as Dokku's apps/report.go. */
export function appsReport(ctx: Pick<Context, "paths" | "store">, target: string): Report {
  const globalAutocreation = ctx.store.get(APPS_PLUGIN, GLOBAL, "disable-autocreation") ?? "";
  if (target === GLOBAL) {
    return { type: "app", target, entries: { "--app-global-disable-autocreation": globalAutocreation } };
  }
  return {
    type: "app",
    target,
    entries: {
      "--app-created-at": ctx.store.getList(APPS_PLUGIN, target, "created-at").join(","),
      "--app-deploy-source": ctx.store.get(APPS_PLUGIN, target, "deploy-source") ?? "",
      "--app-deploy-source-metadata": ctx.store.get(APPS_PLUGIN, target, "deploy-source-metadata") ?? "",
      "--app-dir": appDir(ctx.paths, target),
      "--app-global-disable-autocreation": globalAutocreation,
      "--app-locked": String(isDeployLocked(ctx, target)),
    },
  };
}

/**
 * A `<ns>:report` command's output: the global scope, one app, or every app the user may see,
 * each through `report(target)`. Shared by every plugin's report command.
 */
export async function printReports(
  ctx: Context,
  args: ReportArgs,
  report: (target: string) => Report | Promise<Report>,
): Promise<void> {
  const options = { format: args.format, flag: args.infoFlag };
  if (args.global) return printReport(ctx.out, await report(GLOBAL), options);
  if (args.app !== undefined) return printReport(ctx.out, await report(verifyApp(ctx, args.app)), options);
  const apps = await visibleApps(ctx);
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  for (const app of apps) printReport(ctx.out, await report(app), options);
}

/** `dokku report [<app>]`: every plugin's section from the `report` trigger, for one app or every visible app. */
export async function printFullReport(
  ctx: Context,
  app: string | undefined,
  format: string | undefined,
): Promise<void> {
  const apps = app !== undefined ? [verifyApp(ctx, app)] : await visibleApps(ctx);
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  for (const target of apps) {
    const sections = await ctx.bus.fire("report", { app: target });
    for (const section of sections) printReport(ctx.out, fromReportSection(section, target), { format });
  }
}
