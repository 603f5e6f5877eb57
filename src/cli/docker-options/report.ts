import { parseReportArgs, reportApp } from "../../core/report-args";
import { printDockerOptionsReports } from "../../plugins/docker-options/report";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "docker-options:report",
  description: "Displays a docker options report for one or more apps",
  usage: "[<app>] [<flag>] [--format json|stdout]",
  args: {
    app: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  appArgument: (rawArgs) => reportApp(parseReportArgs(rawArgs, "docker-options")),
  run: (_args, ctx, rawArgs) => printDockerOptionsReports(ctx, parseReportArgs(rawArgs, "docker-options")),
});
