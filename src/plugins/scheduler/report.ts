import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { SCHEDULER_PLUGIN } from "./selected";

/** The scheduler report of an app or of --global, as Dokku's scheduler/report.go. */
export function schedulerReport(ctx: Pick<Context, "store">, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(SCHEDULER_PLUGIN, scope, key) ?? "";
  const globalSelected = get(GLOBAL, "selected");
  const globalShell = get(GLOBAL, "shell");
  if (target === GLOBAL) {
    return {
      type: "scheduler",
      target,
      entries: {
        "--scheduler-computed-selected": globalSelected || "docker-local",
        "--scheduler-global-selected": globalSelected,
        "--scheduler-computed-shell": globalShell,
        "--scheduler-global-shell": globalShell,
      },
    };
  }
  const selected = get(target, "selected");
  const shell = get(target, "shell");
  return {
    type: "scheduler",
    target,
    entries: {
      "--scheduler-computed-selected": selected || globalSelected || "docker-local",
      "--scheduler-global-selected": globalSelected,
      "--scheduler-selected": selected,
      "--scheduler-computed-shell": shell || globalShell,
      "--scheduler-global-shell": globalShell,
      "--scheduler-shell": shell,
    },
  };
}
