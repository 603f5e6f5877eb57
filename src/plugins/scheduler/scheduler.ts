import type { ContainerUpstream } from "../../builders/nginx-upstreams";
import type { Context } from "../../core/context";
import type { DeployHooks, Formation, Release } from "../deploy/contracts";

/** Dokku's scheduler-app-status: everything the app should run runs (`true`), nothing does (`false`), or some (`mixed`). */
export type RunningState = "true" | "false" | "mixed";

/** One of an app's containers as a scheduler reports it. */
export interface ContainerStatus {
  /** Process type: `web`, `worker` ... */
  readonly proc: string;
  /** The n of `web.n`. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** Docker's state: `running`, `exited`, `restarting`, `created` ... */
  readonly state: string;
  /** The release the container runs; undefined for containers we did not label. */
  readonly releaseId: number | undefined;
}

export interface LogsOptions {
  /** Only this process type (`-p web`). */
  readonly processType?: string;
  /** Lines from the end of each container's log (`-n`). */
  readonly num: number;
  /** Keep streaming (`-t`) until `signal` aborts or the containers stop. */
  readonly follow: boolean;
  /** Raw lines, without timestamps and `app[web.1]:` prefixes (`-q`). */
  readonly raw: boolean;
  readonly signal?: AbortSignal;
}

export interface RunOptions {
  /** argv; empty runs the scheduler's shell. */
  readonly command: readonly string[];
  /** `-e K=V` extras. */
  readonly env: readonly string[];
  readonly tty: boolean;
  /** run:detached: start and return the container name instead of waiting. */
  readonly detached: boolean;
  readonly ttlSeconds: number;
}

export interface RunResult {
  readonly exitCode: number;
  readonly containerName: string;
}

export interface EnterTarget {
  /** `web` or `web.1`; undefined picks the only running type. */
  readonly processOrDyno?: string;
  /** A (prefix of a) container id of the app. */
  readonly containerId?: string;
  /** argv; empty runs the shell. */
  readonly command: readonly string[];
  readonly tty: boolean;
}

export interface RecoverOptions {
  /**
   * The deploy lock's last holder died holding it (its note was left behind): look further
   * than the records on disk (services of an unrecorded release, images of unrecorded builds),
   * which costs Docker calls a healthy lock never needs.
   */
  readonly interrupted: boolean;
}

/** A one-off container as `run:list` shows it. */
export interface RunContainer {
  readonly name: string;
  readonly state: string;
  readonly command: string;
  readonly createdAt: string;
}

/** What a scheduler needs of the others, handed to it by the registry (select-scheduler.ts). */
export interface SchedulerDeps {
  /** After this scheduler deployed the app: every other scheduler lets go of it (`leave`). */
  leaveOthers(ctx: Context, app: string): Promise<void>;
}

/**
 * Everything Dokku asks of a scheduler (its scheduler-* triggers), behind the one interface that
 * docker-local and swarm implement: the deploy pipeline, ps, logs, run, enter, cron and apps
 * reach a scheduler only through it (select-scheduler.ts picks the app's).
 */
export interface Scheduler {
  /** `docker-local`, `swarm`: what `scheduler:set <app> selected` names. */
  readonly name: string;
  /**
   * Starts the release's containers at `formation`, and only then retires the app's older
   * containers; when starting fails, the old ones keep running and this throws. Crash-safe:
   * whoever takes the app's deploy lock after a crash settles it (`recover`).
   */
  deploy(ctx: Context, app: string, release: Release, formation: Formation, hooks?: DeployHooks): Promise<void>;
  /**
   * Whether the app runs the release at `formation`: what ps:start decides on (it redeploys
   * unless `true`) and what `ps:report --running` shows, so the two always agree.
   */
  running(ctx: Context, app: string, formation: Formation): Promise<RunningState>;
  /** Makes the release run when it does not (ps:start): redeploys unless `running` says `true`. */
  start(ctx: Context, app: string, release: Release, formation: Formation): Promise<void>;
  /** Stops every container of the app with the stop timeout; they stay, stopped. */
  stop(ctx: Context, app: string): Promise<void>;
  /** Replaces the containers (all, or one process type) with fresh ones of the same release. */
  restart(ctx: Context, app: string, release: Release, formation: Formation, processType?: string): Promise<void>;
  /** Every long-running container of the app, sorted by process type and index. */
  status(ctx: Context, app: string): Promise<ContainerStatus[]>;
  /** Writes the containers' logs to ctx.out. */
  logs(ctx: Context, app: string, options: LogsOptions): Promise<void>;
  /** What the last failed deploy's containers printed. */
  failedLogs(ctx: Context, app: string): Promise<void>;
  /** A one-off container from the release's image with the app's config; its exit code. */
  run(ctx: Context, app: string, release: Release, options: RunOptions): Promise<RunResult>;
  runList(ctx: Context, app: string): Promise<RunContainer[]>;
  /** `run:stop`: stops and removes the app's one-off containers, or only the one named `only`; their names. */
  runStop(ctx: Context, app: string, only?: string): Promise<string[]>;
  /** `run:retire`: stops and removes the app's one-off containers past their `--ttl-seconds`; their names. */
  runRetire(ctx: Context, app: string): Promise<string[]>;
  /** A command (by default the shell) inside a running container; its exit code. */
  enter(ctx: Context, app: string, target: EnterTarget): Promise<number>;
  /** Stops and removes leftovers of unfinished deploys (ps:restore, ps:retire); the caller holds the deploy lock. */
  retire(ctx: Context, app: string): Promise<void>;
  /**
   * Settles a deploy a crash interrupted, so that what runs, the proxy and the release pointer
   * agree (finishing it when it reached its commit point, undoing it otherwise); nothing when
   * none is unfinished. The caller holds the deploy lock; idempotent.
   */
  recover(ctx: Context, app: string, options: RecoverOptions): Promise<void>;
  /** Removes every container of the app and, unless `keepImages`, its images (apps:destroy; rename keeps them). */
  destroy(ctx: Context, app: string, options?: { readonly keepImages?: boolean }): Promise<void>;
  /** `docker inspect` of the app's containers, with config values hidden. */
  inspect(ctx: Context, app: string): Promise<unknown[]>;
  /** Removes what this scheduler runs for the app once another scheduler serves it (scheduler:set then a deploy); images stay. */
  leave(ctx: Context, app: string): Promise<void>;
  /** Where the proxy sends the app's web traffic now: its running web containers of the current release, or what fronts them. */
  webUpstreams(ctx: Context, app: string): Promise<ContainerUpstream[]>;
}
