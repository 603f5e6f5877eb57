import { printAppsReport } from "../../plugins/apps/report";
import { parseReportArgs } from "../../core/report-args";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:report",
  description: "Display report about an app",
  args: {
    app: { type: "positional", required: false },
    global: { type: "boolean", description: "report the global settings" },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  usage: "[<app>|--global] [--format stdout|json] [<flag>]",
  run: (_args, ctx, rawArgs) => printAppsReport(ctx, parseReportArgs(rawArgs, "apps")),
});
