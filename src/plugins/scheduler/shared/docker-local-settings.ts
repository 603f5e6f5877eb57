import type { Context } from "../../../core/context";
import type { Report } from "../../../core/report";
import { GLOBAL } from "../../../store/property-store";
import { setPluginProperty } from "../../property-set";
import { DOCKER_LOCAL_PLUGIN } from "./properties";

/** What may be set: `init-process` (both schedulers honour it). Dokku's `parallel-schedule-count` is reported, at its default 1: we start one process type at a time. */
const PROPERTIES = ["init-process"];

/** Dokku's scheduler-docker-local report of an app or of --global. */
export function schedulerDockerLocalReport(ctx: Pick<Context, "store">, target: string): Report {
  const own = (key: string) => (target === GLOBAL ? "" : (ctx.store.get(DOCKER_LOCAL_PLUGIN, target, key) ?? ""));
  const global = (key: string) => ctx.store.get(DOCKER_LOCAL_PLUGIN, GLOBAL, key) ?? "";
  const entries: Record<string, string> = {
    "--scheduler-docker-local-computed-init-process": own("init-process") || global("init-process") || "true",
    "--scheduler-docker-local-computed-parallel-schedule-count": "1",
    "--scheduler-docker-local-global-init-process": global("init-process"),
    "--scheduler-docker-local-global-parallel-schedule-count": "",
  };
  if (target !== GLOBAL) {
    entries["--scheduler-docker-local-init-process"] = own("init-process");
    entries["--scheduler-docker-local-parallel-schedule-count"] = "";
  }
  return { type: "scheduler-docker-local", target, legacyKeys: false, entries };
}

/** `scheduler-docker-local:set <app>|--global init-process [true|false]`. */
export function setSchedulerDockerLocalProperty(
  ctx: Context,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: DOCKER_LOCAL_PLUGIN,
    scope: target,
    key,
    value,
    properties: PROPERTIES,
    validate: (_property, raw) =>
      raw === "true" || raw === "false" ? undefined : `Invalid init-process '${raw}': it must be true or false`,
  });
}
