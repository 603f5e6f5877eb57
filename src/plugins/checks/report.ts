import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { CHECKS_DEFAULTS, CHECKS_PLUGIN } from "./properties";

/** The checks report of an app or of --global, as Dokku's checks/report.go. */
export function checksReport(ctx: Pick<Context, "store">, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(CHECKS_PLUGIN, scope, key) ?? "";
  const global = get(GLOBAL, "wait-to-retire");
  const own = target === GLOBAL ? "" : get(target, "wait-to-retire");
  const computed = own || global || String(CHECKS_DEFAULTS["wait-to-retire"]);
  if (target === GLOBAL) {
    return {
      type: "checks",
      target,
      legacyKeys: false,
      entries: { "--checks-computed-wait-to-retire": computed, "--checks-global-wait-to-retire": global },
    };
  }
  return {
    type: "checks",
    legacyKeys: false,
    target,
    entries: {
      "--checks-disabled-list": get(target, "disabled") || "none",
      "--checks-skipped-list": get(target, "skipped") || "none",
      "--checks-computed-wait-to-retire": computed,
      "--checks-global-wait-to-retire": global,
      "--checks-wait-to-retire": own,
    },
  };
}
