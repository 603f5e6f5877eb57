import { printReports } from "../../plugins/apps/report";
import { propertiesOnly } from "../../plugins/properties-only/namespaces";
import { propertiesOnlyReport, setPropertiesOnly } from "../../plugins/properties-only/properties";
import type { DokkuCommand } from "../define-command";
import { reportCommand } from "../report-command";
import { setCommand } from "../set-command";

/** `<ns>:report [<app>|--global] [--format json] [<flag>]`: credentials show only with --format json or their flag. */
export function onlyReportCommand(name: string): DokkuCommand {
  return reportCommand({
    name: `${name}:report`,
    description: propertiesOnly(name).reportDescription,
    report: (ctx, target) => propertiesOnlyReport(ctx, name, target, false),
    print: (ctx, args) =>
      printReports(ctx, args, (target) =>
        propertiesOnlyReport(ctx, name, target, args.format === "json" || args.infoFlag !== undefined),
      ),
  });
}

/** `<ns>:set <app>|--global <property> [<value>]`. */
export function onlySetCommand(name: string): DokkuCommand {
  return setCommand({
    name: `${name}:set`,
    description: propertiesOnly(name).setDescription,
    usage: "<app>|--global <property> [<value>]",
    set: (ctx, scope, key, value) => setPropertiesOnly(ctx, name, scope, key, value),
  });
}
