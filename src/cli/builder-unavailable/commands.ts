import { setUnavailableBuilderProperty, unavailableBuilderReport } from "../../plugins/builder/unavailable-properties";
import type { DokkuCommand } from "../define-command";
import { reportCommand } from "../report-command";
import { setCommand } from "../set-command";

/** `<builder>:report [<app>|--global] [--format json] [<flag>]`. */
export function reportCommandOf(namespace: string): DokkuCommand {
  return reportCommand({
    name: `${namespace}:report`,
    description: `Displays a ${namespace} report for one or more apps`,
    report: (ctx, target) => unavailableBuilderReport(ctx, namespace, target),
  });
}

/** `<builder>:set <app>|--global <property> [<value>]`. */
export function setCommandOf(namespace: string): DokkuCommand {
  return setCommand({
    name: `${namespace}:set`,
    description: `Set or clear a ${namespace} property for an app`,
    set: (ctx, scope, key, value) => setUnavailableBuilderProperty(ctx, namespace, scope, key, value),
  });
}
