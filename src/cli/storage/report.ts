import { parseReportArgs, reportApp } from "../../core/report-args";
import { printReports } from "../../plugins/apps/report";
import { printGlobalStorageReport, storageReport } from "../../plugins/storage/report";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:report",
  description: "Displays a storage report for one or more apps",
  usage: "[<app>|--global] [--format stdout|json] [<flag>]",
  args: {
    app: { type: "positional", required: false },
    global: { type: "boolean", description: "every storage entry and the apps that mount it" },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  appArgument: (rawArgs) => reportApp(parseReportArgs(rawArgs, "storage")),
  run: (_args, ctx, rawArgs) => {
    const args = parseReportArgs(rawArgs, "storage");
    if (args.global) return printGlobalStorageReport(ctx, args.format);
    return printReports(ctx, args, (target) => storageReport(ctx, target));
  },
});
