import type { ContainerCreateOptions } from "dockerode";
import { RESERVED_LABEL_PREFIX, type ContainerExtras } from "./docker-args";

/** Labels on every container the schedulers create: the source of truth for what belongs to which app. */
export const LABELS = {
  app: "com.dokku.app-name",
  processType: "com.dokku.process-type",
  dyno: "com.dokku.dyno",
  releaseId: "com.dokku.release-id",
  containerType: "com.dokku.container-type",
  deadline: "com.dokku.active-deadline-seconds",
  /** The deploy (or restart) that created a deploy container: what recovery finds its new containers by, renamed or not. */
  deployId: "com.dokku.deploy-id",
} as const;

/** Dokku's default restart policy for app containers. */
export const DEFAULT_RESTART_POLICY = "on-failure:10";

/** What one app container of a release is made of. */
export interface DeployContainerInput {
  readonly app: string;
  readonly processType: string;
  readonly index: number;
  readonly releaseId: number;
  /** The deploy creating it (`<release>-<random>`, the suffix of its `.upcoming-` name). */
  readonly deployId: string;
  readonly image: string;
  /** Container name; see deployContainerName / upcomingContainerName. */
  readonly name: string;
  /** The app's merged config (app over global), in order. */
  readonly env: ReadonlyMap<string, string>;
  /** PORT for the container; undefined sets none. */
  readonly port: string | undefined;
  /** argv of the process; undefined runs the image's CMD. */
  readonly command: readonly string[] | undefined;
  /** `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`. */
  readonly restartPolicy: string;
  readonly init: boolean;
  /** Labels and env from plugins (docker-args-deploy): the app's config and dokku's own labels win. */
  readonly extras?: ContainerExtras;
}

/** `<app>.<proc>.<n>`: the name a running app container carries, as in Dokku. Pure. */
export function deployContainerName(app: string, processType: string, index: number): string {
  return `${app}.${processType}.${index}`;
}

/** What a deploy's new container carries in its name until it takes its dyno's name (Dokku's `.upcoming-<n>`). */
export const UPCOMING_MARK = ".upcoming-";
/** What an old container queued to retire carries in its name (`<name>.retiring-<time>-<short id>`). */
export const RETIRING_MARK = ".retiring-";

/** A container's name as the engine lists it (`/shop.web.1`), without the slash; "" when it has none. Pure. */
export function containerName(info: { readonly Names?: readonly string[] | null }): string {
  return (info.Names?.[0] ?? "").replace(/^\//, "");
}

/** Whether a container's name says it is a deploy's new container, still in its checks. Pure. */
export function isUpcomingName(name: string): boolean {
  return name.includes(UPCOMING_MARK);
}

/** Whether a container's name says it is an old container queued to retire. Pure. */
export function isRetiringName(name: string): boolean {
  return name.includes(RETIRING_MARK);
}

/** Whether a container's name says it does not serve its dyno (yet, or any more): a new one in its checks, an old one waiting to retire. Pure. */
export function isTransientName(name: string): boolean {
  return isUpcomingName(name) || isRetiringName(name);
}

/** The name an old container takes when queued to retire: `<name>.retiring-<unix time>-<short id>`. Pure. */
export function retiringContainerName(name: string, unixTime: number, id: string): string {
  return `${name}${RETIRING_MARK}${unixTime}-${id.slice(0, 12)}`;
}

/** The name a new container starts under until the old one is retired. Pure. */
export function upcomingContainerName(app: string, processType: string, index: number, suffix: string): string {
  return `${deployContainerName(app, processType, index)}${UPCOMING_MARK}${suffix}`;
}

/** `on-failure:10` -> `{ Name: "on-failure", MaximumRetryCount: 10 }`. Pure. */
export function restartPolicyOption(policy: string): { Name: string; MaximumRetryCount?: number } {
  const [name, count] = policy.split(":", 2) as [string, string | undefined];
  if (count === undefined) return { Name: name };
  return { Name: name, MaximumRetryCount: Number(count) };
}

/** Whether `ps:set restart-policy` accepts the value (Dokku's isValidRestartPolicy). Pure. */
export function isValidRestartPolicy(policy: string): boolean {
  if (["no", "always", "unless-stopped", "on-failure"].includes(policy)) return true;
  return /^on-failure:\d+$/.test(policy);
}

/** The dockerode options of one long-running app container. Pure. */
export function deployContainerSpec(input: DeployContainerInput): ContainerCreateOptions {
  const dyno = `${input.processType}.${input.index}`;
  const extra: Record<string, string> = { DYNO: dyno };
  if (input.port !== undefined) extra.PORT = input.port;
  const pluginLabels = [...(input.extras?.labels ?? [])].filter(([name]) => !name.startsWith(RESERVED_LABEL_PREFIX));
  const spec: ContainerCreateOptions = {
    name: input.name,
    Image: input.image,
    Env: envList(input.env, extra, input.extras?.env),
    Labels: {
      ...Object.fromEntries(pluginLabels),
      [LABELS.app]: input.app,
      [LABELS.containerType]: "deploy",
      [LABELS.processType]: input.processType,
      [LABELS.dyno]: dyno,
      [LABELS.releaseId]: String(input.releaseId),
      [LABELS.deployId]: input.deployId,
    },
    HostConfig: { Init: input.init, RestartPolicy: restartPolicyOption(input.restartPolicy) },
  };
  if (input.command !== undefined) spec.Cmd = [...input.command];
  return spec;
}

/** What a one-off `run` container is made of. */
export interface RunContainerInput {
  readonly app: string;
  readonly image: string;
  /** `<app>.run.<n>`. */
  readonly name: string;
  /** The n of `run.<n>`. */
  readonly number: number;
  readonly env: ReadonlyMap<string, string>;
  /** `-e K=V` given on the command line, after the app's config. */
  readonly extraEnv: readonly string[];
  readonly command: readonly string[];
  readonly tty: boolean;
  /** `run <app> <proc>` ran a Procfile command: labelled with its process type, as in Dokku. */
  readonly processType?: string;
  readonly ttlSeconds: number;
}

/** The dockerode options of a one-off container (`run`, `run:detached`). Pure. */
export function runContainerSpec(input: RunContainerInput): ContainerCreateOptions {
  const labels: Record<string, string> = {
    [LABELS.app]: input.app,
    [LABELS.containerType]: "run",
    [LABELS.deadline]: String(input.ttlSeconds),
  };
  if (input.processType !== undefined) labels[LABELS.processType] = input.processType;
  return {
    name: input.name,
    Image: input.image,
    Cmd: [...input.command],
    Env: [...envList(input.env, { DYNO: `run.${input.number}` }), ...input.extraEnv],
    Labels: labels,
    ...attachOptions(input.tty),
  };
}

/** A one-off container's streams: output attached always, stdin (kept open once) only with a tty. Pure. */
export function attachOptions(
  tty: boolean,
): Pick<ContainerCreateOptions, "Tty" | "OpenStdin" | "StdinOnce" | "AttachStdin" | "AttachStdout" | "AttachStderr"> {
  return { Tty: tty, OpenStdin: tty, StdinOnce: tty, AttachStdin: tty, AttachStdout: true, AttachStderr: true };
}

/**
 * `K=V` lines: the config without the keys `extra` sets, then plugins' env the config does not
 * set, then `extra` (dokku's own: DYNO, PORT). The precedence both schedulers use. Pure.
 */
export function envList(
  env: ReadonlyMap<string, string>,
  extra: Readonly<Record<string, string>>,
  plugin: ReadonlyMap<string, string> = new Map(),
): string[] {
  const lines: string[] = [];
  for (const [key, value] of env) if (!(key in extra)) lines.push(`${key}=${value}`);
  for (const [key, value] of plugin) if (!env.has(key) && !(key in extra)) lines.push(`${key}=${value}`);
  for (const [key, value] of Object.entries(extra)) lines.push(`${key}=${value}`);
  return lines;
}
