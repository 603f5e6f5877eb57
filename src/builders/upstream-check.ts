import { containerName, isRetiringName, LABELS } from "./container-spec";
import { ROUTER_CONTAINER_TYPE } from "./swarm-router";

/** What the check needs of a container, as the engine lists it (a slice of dockerode's ContainerInfo). */
export interface CandidateContainer {
  readonly Id: string;
  readonly Names?: readonly string[];
  /** Docker's state: `running`, `restarting`, `exited` ... */
  readonly State: string;
  readonly Labels?: Readonly<Record<string, string>> | null;
  readonly HostConfig?: { readonly NetworkMode?: string } | null;
  readonly NetworkSettings?: {
    readonly Networks?: Readonly<
      Record<string, { readonly IPAddress?: string; readonly GlobalIPv6Address?: string }>
    > | null;
  } | null;
}

export interface UpstreamCheckInput {
  readonly app: string;
  /** What is about to be written into the app's proxy config. */
  readonly upstreams: readonly { readonly address: string; readonly dyno?: string }[];
  /** The engine's running containers (any app's: an address another app holds is named as such). */
  readonly containers: readonly CandidateContainer[];
  /** The app's current release; undefined before its first release is recorded. */
  readonly currentReleaseId: number | undefined;
}

/**
 * Every address a container answers on now: one per network it is attached to (IPv4, else
 * IPv6), and 127.0.0.1 with host networking. None when it does not run. Pure.
 */
export function containerAddresses(container: CandidateContainer): string[] {
  if (container.State !== "running") return [];
  if (container.HostConfig?.NetworkMode === "host") return ["127.0.0.1"];
  return Object.values(container.NetworkSettings?.Networks ?? {})
    .flatMap((network) => [network.IPAddress, network.GlobalIPv6Address])
    .filter((address): address is string => address !== undefined && address !== "");
}

/**
 * Why the container may not take the app's web traffic, or undefined when it may: it must carry
 * the app's label and run, and be either one of the app's web containers of the current release
 * or of a newer one (a deploy's new containers, checked before the release becomes current; a
 * rollback is a new release too), or the router that fronts a swarm app's tasks; never one
 * queued to retire (a restart's old container shares the current release). Pure.
 */
export function notRoutableBecause(
  app: string,
  container: CandidateContainer,
  currentReleaseId: number | undefined,
): string | undefined {
  const labels = container.Labels ?? {};
  if (labels[LABELS.app] !== app)
    return `it belongs to ${labels[LABELS.app] === undefined ? "no app" : `app ${labels[LABELS.app]}`}`;
  if (container.State !== "running") return "it is not running";
  const type = labels[LABELS.containerType];
  if (type === ROUTER_CONTAINER_TYPE) return undefined;
  if (type !== "deploy" || labels[LABELS.processType] !== "web")
    return `it is not a web container of ${app} (${type ?? "no"} container, ${labels[LABELS.processType] ?? "no"} process)`;
  if (currentReleaseId === undefined) return undefined;
  const release = Number(labels[LABELS.releaseId]);
  if (!Number.isInteger(release)) return "it carries no release label";
  if (release < currentReleaseId) return `it runs v${release}, older than the current v${currentReleaseId}`;
  if ((container.Names ?? []).some(isRetiringName)) return "it is waiting to retire";
  return undefined;
}

/**
 * The upstreams that must not be written, each with why: an address no running container of
 * the app holds now (another app's container took it after an engine restart, or nothing
 * answers there), or one a container of the app holds that may not take web traffic. Empty when
 * every upstream is routable. Pure.
 */
export function upstreamRefusals(input: UpstreamCheckInput): string[] {
  const holders = new Map<string, CandidateContainer>();
  for (const container of input.containers) {
    for (const address of containerAddresses(container))
      if (!holders.has(address) || notRoutableBecause(input.app, container, input.currentReleaseId) === undefined)
        holders.set(address, container);
  }
  const refusals: string[] = [];
  for (const upstream of input.upstreams) {
    const where = `${upstream.address}${upstream.dyno === undefined ? "" : ` (${upstream.dyno})`}`;
    const holder = holders.get(upstream.address);
    if (!holder) {
      refusals.push(`${where}: no running container of ${input.app} has this address`);
      continue;
    }
    const reason = notRoutableBecause(input.app, holder, input.currentReleaseId);
    if (reason !== undefined) refusals.push(`${where}: ${nameOf(holder)} holds this address, but ${reason}`);
  }
  return refusals;
}

function nameOf(container: CandidateContainer): string {
  return containerName(container) || container.Id.slice(0, 12);
}
