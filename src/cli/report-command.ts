import type { Context } from "../core/context";
import type { Report } from "../core/report";
import { parseReportArgs, reportApp, type ReportArgs } from "../core/report-args";
import { printReports } from "../plugins/apps/report";
import { dokkuCommand, type DokkuCommand } from "./define-command";

/** `<ns>:report [<app>|--global] [--format stdout|json] [--<type>-<property>]`, for any plugin's report. */
export function reportCommand(definition: {
  readonly name: string;
  readonly description: string;
  readonly report: (ctx: Context, target: string) => Report | Promise<Report>;
  /** Prints the reports itself, instead of printReports over `report` (ps:report adds a warning). */
  readonly print?: (ctx: Context, args: ReportArgs) => Promise<void>;
}): DokkuCommand {
  const namespace = definition.name.slice(0, definition.name.indexOf(":"));
  return dokkuCommand({
    name: definition.name,
    description: definition.description,
    args: {
      app: { type: "positional", required: false },
      global: { type: "boolean", description: "report the global settings" },
      format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
    },
    usage: "[<app>|--global] [--format stdout|json] [<flag>]",
    appArgument: (rawArgs) => reportApp(parseReportArgs(rawArgs, namespace)),
    run: (_args, ctx, rawArgs) => {
      const args = parseReportArgs(rawArgs, namespace);
      return definition.print
        ? definition.print(ctx, args)
        : printReports(ctx, args, (target) => definition.report(ctx, target));
    },
  });
}
