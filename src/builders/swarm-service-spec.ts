import type { EndpointSpec, NetworkAttachmentConfig, ServiceSpec, TaskRestartPolicy, UpdateConfig } from "dockerode";
import { RESERVED_LABEL_PREFIX, type ContainerExtras } from "./docker-args";
import type { ContainerFragment } from "./container-fragment";
import type { ContainerPlan } from "./container-plan";
import { assertContainerEnv } from "../core/env-bounds";
import { envList, LABELS } from "./container-spec";
import type { CheckPlan } from "./healthcheck-plan";
import { networkAlias } from "./network-fragment";
import { swarmFragments } from "./swarm-fragments";
import { SECOND_NS, swarmHealthCheck } from "./swarm-healthcheck";

/** scheduler-swarm properties (app, else global) a service is built with; absent ones take the defaults. */
export interface SwarmServiceSettings {
  /** The overlay network the tasks join (nginx on the manager can reach them there too). */
  readonly network?: string;
  /** Tasks updated at once; default 1. */
  readonly updateParallelism?: number;
  /** Seconds between two batches of an update; default 0. */
  readonly updateDelaySeconds?: number;
  /** `start-first` (default: the new task is healthy before the old one stops) or `stop-first`. */
  readonly updateOrder?: "start-first" | "stop-first";
  /** Placement constraints, e.g. `node.role==worker`. */
  readonly constraints?: readonly string[];
  /** ps `stop-timeout-seconds`: the grace period before a task is killed. */
  readonly stopTimeoutSeconds?: number;
}

/** One process type's service of a release. */
export interface SwarmServiceInput {
  readonly app: string;
  readonly processType: string;
  readonly release: { readonly id: number; readonly image: string };
  /** ps:scale count of the type. */
  readonly replicas: number;
  /** The app's merged config (app over global), in order. */
  readonly env: ReadonlyMap<string, string>;
  /** PORT of the process (web: config's, else 5000); undefined sets none. */
  readonly port: string | undefined;
  /** argv from the Procfile plan; undefined runs the image's CMD. */
  readonly command: readonly string[] | undefined;
  /** ps restart-policy: `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`. */
  readonly restartPolicy: string;
  /** scheduler-docker-local `init-process`, shared by both schedulers. */
  readonly init: boolean;
  /** Labels and env from docker-args-deploy: the app's config and dokku's labels win. */
  readonly extras?: ContainerExtras;
  /** The day-2 plugins' fragments for the type (storage, resource, docker-options, network). */
  readonly fragments: readonly ContainerFragment[];
  /** The type's checks (planChecks). */
  readonly checks: CheckPlan;
  readonly settings: SwarmServiceSettings;
}

export interface SwarmServiceBuild {
  readonly spec: ServiceSpec;
  /** What the fragments (or config) asked for that a service cannot express: refuse or warn. */
  readonly unsupported: readonly string[];
  /** `warn` checks left out of the HEALTHCHECK. */
  readonly skippedChecks: readonly string[];
}

/**
 * The container type label of a swarm service and its task containers: not docker-local's
 * `deploy`, so docker-local (its status, retire queue, destroy) never touches a task Swarm runs.
 */
export const SWARM_CONTAINER_TYPE = "swarm";

/** `<app>-<proc>`: the service of an app's process type. Pure. */
export function swarmServiceName(app: string, processType: string): string {
  return `${app}-${processType}`;
}

/** ps restart-policy as a task restart policy: no -> none, always/unless-stopped -> any, on-failure[:N] -> on-failure (MaxAttempts N). Pure. */
export function swarmRestartPolicy(policy: string): TaskRestartPolicy {
  const [name, count] = policy.split(":", 2) as [string, string | undefined];
  if (name === "no") return { Condition: "none" };
  if (name === "on-failure")
    return count === undefined ? { Condition: "on-failure" } : { Condition: "on-failure", MaxAttempts: Number(count) };
  return { Condition: "any" };
}

/**
 * Swarm expands Go templates in Env, Hostname and Mounts: `{{` of a user's value is written as
 * `{{"{{"}}` so it reaches the container unchanged. Pure.
 */
export function escapeTemplate(text: string): string {
  return text.replaceAll("{{", '{{"{{"}}');
}

/** One service per process type that runs, from the release's container plan: replicas, argv and PORT. Pure. */
export function servicesOfPlan(
  plan: ContainerPlan,
): { processType: string; replicas: number; command: readonly string[] | undefined; port: string | undefined }[] {
  return Object.entries(plan.counts).map(([processType, replicas]) => {
    const first = plan.containers.find((container) => container.processType === processType);
    return { processType, replicas, command: first?.command, port: first?.port };
  });
}

/**
 * The service of one process type of a release: replicated `replicas` times, the release's image
 * and argv, the app's config plus `DYNO=<proc>.{{.Task.Slot}}` (a task has a slot, not a fixed
 * index) and PORT, dokku's labels on the service and its containers, the fragments' mounts,
 * resources and networks, the restart policy, the checks as HEALTHCHECK, start-first rolling
 * updates that roll back on failure, and the overlay network with the `<app>.<proc>` alias.
 * Nothing is published: the app's router reaches web's tasks by the service's name (dnsrr). Pure.
 */
export function swarmServiceSpec(input: SwarmServiceInput): SwarmServiceBuild {
  const fragments = swarmFragments(input.fragments);
  const health = swarmHealthCheck(input.checks);
  const unsupported = [...fragments.unsupported];
  const dokkuLabels = {
    [LABELS.app]: input.app,
    [LABELS.containerType]: SWARM_CONTAINER_TYPE,
    [LABELS.processType]: input.processType,
    [LABELS.releaseId]: String(input.release.id),
  };
  const pluginLabels = Object.fromEntries(
    [...(input.extras?.labels ?? [])].filter(([name]) => !name.startsWith(RESERVED_LABEL_PREFIX)),
  );
  const extra: Record<string, string> = { DYNO: `${input.processType}.{{.Task.Slot}}` };
  if (input.port !== undefined) extra.PORT = input.port;
  // docker-args-deploy env first, then the fragments' (the first of a key wins), as docker-local
  const pluginEnv = new Map(input.extras?.env ?? []);
  for (const [key, value] of fragments.env) if (!pluginEnv.has(key)) pluginEnv.set(key, value);
  const lines = envList(input.env, extra, pluginEnv);
  assertContainerEnv(lines, input.app);
  // dokku's own lines come last and are templates themselves; every user value is escaped
  const ours = Object.keys(extra).length;
  const env = lines.map((line, at) => (at < lines.length - ours ? escapeTemplate(line) : line));
  const networks: NetworkAttachmentConfig[] = [];
  const alias = networkAlias(input.app, input.processType, "");
  if (input.settings.network !== undefined && input.settings.network !== "")
    networks.push({ Target: input.settings.network, Aliases: [alias] });
  for (const network of fragments.networks) {
    const same = networks.find((entry) => entry.Target === network.Target);
    if (same) same.Aliases = [...new Set([...(same.Aliases ?? []), ...(network.Aliases ?? [])])];
    else networks.push(network);
  }
  const update: UpdateConfig = {
    Parallelism: input.settings.updateParallelism ?? 1,
    Delay: Math.round((input.settings.updateDelaySeconds ?? 0) * SECOND_NS),
    FailureAction: "rollback",
    Monitor: health.monitorSeconds * SECOND_NS,
    MaxFailureRatio: 0,
    Order: input.settings.updateOrder ?? "start-first",
  };
  const rollback: UpdateConfig = { ...update, Delay: 0, FailureAction: "pause" };
  const containerSpec = {
    Image: input.release.image,
    Labels: { ...pluginLabels, ...fragments.labels, ...dokkuLabels },
    Hostname: `${input.app}.${input.processType}.{{.Task.Slot}}`,
    Env: env,
    Init: input.init,
    ...fragments.container,
    ...(input.command !== undefined ? { Args: [...input.command] } : {}),
    ...(fragments.mounts.length > 0
      ? {
          Mounts: fragments.mounts.map((m) => ({
            ...m,
            Source: escapeTemplate(m.Source),
            Target: escapeTemplate(m.Target),
          })),
        }
      : {}),
    ...(health.healthCheck !== undefined ? { HealthCheck: health.healthCheck } : {}),
    ...(input.settings.stopTimeoutSeconds !== undefined
      ? { StopGracePeriod: input.settings.stopTimeoutSeconds * SECOND_NS }
      : {}),
  };
  const spec: ServiceSpec = {
    Name: swarmServiceName(input.app, input.processType),
    Labels: dokkuLabels,
    TaskTemplate: {
      ContainerSpec: containerSpec,
      RestartPolicy: swarmRestartPolicy(fragments.restartPolicy ?? input.restartPolicy),
      ...(Object.keys(fragments.resources).length > 0 ? { Resources: fragments.resources } : {}),
      ...(input.settings.constraints?.length ? { Placement: { Constraints: [...input.settings.constraints] } } : {}),
      ...(networks.length > 0 ? { Networks: networks } : {}),
      ...(fragments.logDriver !== undefined ? { LogDriver: fragments.logDriver } : {}),
    },
    Mode: { Replicated: { Replicas: input.replicas } },
    UpdateConfig: update,
    RollbackConfig: rollback,
  };
  spec.EndpointSpec = serviceEndpoint(input, unsupported);
  return { spec, unsupported, skippedChecks: health.skipped };
}

/**
 * Every service resolves by DNS round robin (`dnsrr`) and publishes nothing: the app's router
 * reaches the tasks on the overlay network by the service's name, which Docker's DNS answers with
 * the running, healthy tasks only. No VIP: it needs IPVS, which not every host has (this one
 * included). web's PORT must still be a port number, or the router has nothing to reach.
 */
function serviceEndpoint(input: SwarmServiceInput, unsupported: string[]): EndpointSpec {
  if (input.processType === "web" && input.port !== undefined) {
    const port = Number(input.port);
    if (!/^\d+$/.test(input.port) || port < 1 || port > 65535) unsupported.push(`PORT ${input.port}`);
  }
  return { Mode: "dnsrr" };
}
