import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { BUILDER_PLUGIN, globalBuilderProperty } from "./properties";

/** The `builder` report of an app or of --global, with Dokku's flags. */
export function builderReport(ctx: Pick<Context, "store">, target: string): Report {
  const global = (key: string) => globalBuilderProperty(ctx, key);
  const computedSkipCleanup = (own: string) => own || global("skip-cleanup") || "false";
  if (target === GLOBAL) {
    return {
      type: "builder",
      target,
      entries: {
        "--builder-global-selected": global("selected"),
        "--builder-global-build-dir": global("build-dir"),
        "--builder-global-skip-cleanup": global("skip-cleanup"),
        "--builder-computed-skip-cleanup": computedSkipCleanup(""),
      },
    };
  }
  const own = (key: string) => ctx.store.get(BUILDER_PLUGIN, target, key) ?? "";
  return {
    type: "builder",
    target,
    entries: {
      "--builder-computed-selected": own("selected") || global("selected"),
      "--builder-global-selected": global("selected"),
      "--builder-selected": own("selected"),
      "--builder-detected": own("detected"),
      "--builder-computed-build-dir": own("build-dir") || global("build-dir"),
      "--builder-global-build-dir": global("build-dir"),
      "--builder-build-dir": own("build-dir"),
      "--builder-computed-skip-cleanup": computedSkipCleanup(own("skip-cleanup")),
      "--builder-global-skip-cleanup": global("skip-cleanup"),
      "--builder-skip-cleanup": own("skip-cleanup"),
    },
  };
}
