import { isTransientName, LABELS } from "../../builders/container-spec";
import { containerUpstream, type ContainerUpstream } from "../../builders/nginx-upstreams";
import type { Context } from "../../core/context";
import { inspectOrUndefined } from "../../executors/docker/containers";
import { currentRelease } from "../release/releases";
import { listLabelledContainers } from "../../executors/docker/container-effects";

/**
 * The app's running web containers of its current release, as upstreams: those that serve, not
 * the new ones of a deploy still in its checks (`.upcoming-`) nor old ones waiting to retire
 * (`.retiring-`), which share the release when the deploy is a restart.
 */
export async function runningWebUpstreams(ctx: Context, app: string): Promise<ContainerUpstream[]> {
  const release = currentRelease(ctx, app);
  const docker = await ctx.docker();
  const infos = await listLabelledContainers(
    docker,
    [`${LABELS.app}=${app}`, `${LABELS.containerType}=deploy`, `${LABELS.processType}=web`],
    ["running"],
  );
  const upstreams: ContainerUpstream[] = [];
  for (const info of infos.sort((a, b) => (a.Labels[LABELS.dyno] ?? "").localeCompare(b.Labels[LABELS.dyno] ?? ""))) {
    if (release && info.Labels[LABELS.releaseId] !== undefined && info.Labels[LABELS.releaseId] !== String(release.id))
      continue;
    if (info.Names.some(isTransientName)) continue;
    const inspected = await inspectOrUndefined(docker, info.Id);
    const upstream = inspected && containerUpstream(inspected);
    if (upstream) upstreams.push(upstream);
  }
  return upstreams;
}
