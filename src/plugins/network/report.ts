import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { containerUpstream } from "../../builders/nginx-upstreams";
import { LABELS } from "../../builders/container-spec";
import { NETWORK_PROPERTIES } from "../../builders/network-properties";
import { GLOBAL } from "../../store/property-store";
import { currentReleaseId } from "../release/release-store";
import { findContainers, inspectOrUndefined, type ListedContainer } from "../../executors/docker/containers";
import { NETWORK_PLUGIN } from "./properties";

/** Built-in defaults of the computed values (Dokku: false for bind-all-interfaces, empty otherwise). */
const DEFAULTS: Readonly<Record<string, string>> = { "bind-all-interfaces": "false" };

/** The network report of an app or of --global, as Dokku's network/report.go. */
export async function networkReport(ctx: Context, target: string): Promise<Report> {
  const get = (scope: string, key: string) => ctx.store.get(NETWORK_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {};
  for (const key of NETWORK_PROPERTIES) {
    const global = get(GLOBAL, key);
    const own = target === GLOBAL ? "" : get(target, key);
    entries[`--network-computed-${key}`] = own || global || (DEFAULTS[key] ?? "");
    entries[`--network-global-${key}`] = global;
    if (target !== GLOBAL) entries[`--network-${key}`] = own;
  }
  if (target !== GLOBAL) entries["--network-web-listeners"] = (await webListeners(ctx, target)).join(" ");
  return { type: "network", target, entries };
}

/** `address:port` of the app's running web containers (where the proxy reaches them), by dyno. */
export async function webListeners(ctx: Context, app: string): Promise<string[]> {
  if (currentReleaseId(ctx, app) === undefined) return [];
  let docker: Awaited<ReturnType<Context["docker"]>>;
  let infos: ListedContainer[];
  try {
    docker = await ctx.docker();
    infos = await findContainers(docker, {
      labels: [`${LABELS.app}=${app}`, `${LABELS.containerType}=deploy`, `${LABELS.processType}=web`],
      status: ["running"],
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ECONNREFUSED" || code === "EACCES") return [];
    throw error;
  }
  const listeners: { dyno: string; listener: string }[] = [];
  for (const info of infos) {
    const inspected = await inspectOrUndefined(docker, info.Id);
    const upstream = inspected && containerUpstream(inspected);
    if (upstream) listeners.push({ dyno: upstream.dyno, listener: `${upstream.address}:${upstream.port}` });
  }
  return listeners.sort((a, b) => a.dyno.localeCompare(b.dyno, "en", { numeric: true })).map((entry) => entry.listener);
}
