import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { appJsonManagesScale } from "../../builders/ps-scale";
import { GLOBAL } from "../../store/property-store";
import { runningState } from "../scheduler-docker-local/docker-local";
import type { ContainerStatus } from "../scheduler/scheduler";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import { PS_DEFAULTS, PS_PLUGIN } from "./properties";

const COMPUTED_DEFAULTS: Readonly<Record<string, string>> = {
  "procfile-path": "Procfile",
  "restart-policy": PS_DEFAULTS["restart-policy"] as string,
  "skip-deploy": "false",
  "stop-timeout-seconds": "30",
};

/** The ps report of an app (with its containers' states) or of --global, as Dokku's ps/report.go. */
export async function psReport(ctx: Context, target: string, containers?: readonly ContainerStatus[]): Promise<Report> {
  const get = (scope: string, key: string) => ctx.store.get(PS_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {};
  for (const key of Object.keys(COMPUTED_DEFAULTS)) {
    const own = target === GLOBAL ? "" : get(target, key);
    entries[`--ps-global-${key}`] = get(GLOBAL, key);
    entries[`--ps-computed-${key}`] = own || get(GLOBAL, key) || (COMPUTED_DEFAULTS[key] as string);
    if (target !== GLOBAL) entries[`--ps-${key}`] = own;
  }
  if (target === GLOBAL) return { type: "ps", target, entries };
  const release = currentRelease(ctx, target);
  const list = containers ?? (release ? await schedulerFor(ctx, target).status(ctx, target) : []);
  for (const key of ["dockerfile-start-cmd", "start-cmd"]) {
    entries[`--ps-${key}`] = get(target, key);
    entries[`--ps-computed-${key}`] = get(target, key);
  }
  entries["--deployed"] = String(release !== undefined);
  entries["--processes"] = String(list.length);
  entries["--ps-can-scale"] = String(!(release && appJsonManagesScale(release.appJson.formation)));
  entries["--restore"] = get(target, "restore") || "true";
  entries["--running"] = runningState(list.map((container) => container.state));
  for (const container of list) {
    entries[`--status-${container.proc}.${container.index}`] = `${container.state} (CID: ${container.id.slice(0, 11)})`;
  }
  return { type: "ps", target, entries };
}
