import { LABELS } from "./container-spec";

/**
 * Where a service stands after we created or updated it, from its inspect and its tasks: the
 * deploy waits while `waiting`, and is done or failed on the others. Pure.
 */
export type Convergence =
  | { readonly kind: "waiting"; readonly why: string }
  | { readonly kind: "converged" }
  /** Swarm rolled the update back (the old tasks serve): the update's message. */
  | { readonly kind: "rolled-back"; readonly message: string }
  /** The update paused, or a new task failed: what Swarm said. */
  | { readonly kind: "failed"; readonly message: string; readonly taskIds: readonly string[] };

export interface ConvergenceService {
  readonly UpdateStatus?: { readonly State?: string; readonly StartedAt?: string; readonly Message?: string };
}

export interface ConvergenceTask {
  readonly ID?: string;
  readonly DesiredState?: string;
  readonly CreatedAt?: string;
  readonly Spec?: { readonly ContainerSpec?: { readonly Labels?: Readonly<Record<string, string>> } };
  readonly Status?: { readonly State?: string; readonly Err?: string; readonly Message?: string };
}

export interface ConvergenceInput {
  readonly service: ConvergenceService;
  readonly tasks: readonly ConvergenceTask[];
  readonly replicas: number;
  /** The release the service now runs: its tasks carry it as a label. */
  readonly releaseId: number;
  /** The task template changed, so Swarm runs a rolling update (not for a replica count alone or a new service). */
  readonly expectUpdate: boolean;
  /** UpdateStatus.StartedAt before our change: an update with another start time is ours. */
  readonly previousUpdateStart?: string;
  /** Tasks created at or after this ISO time are ours (a new service, a scale-up): one failing fails the deploy. */
  readonly since: string;
}

/** Task states that end a task for good. */
const FAILED_STATES = new Set(["failed", "rejected"]);

/**
 * The deploy is done when the service's update (if one runs) completed and exactly `replicas`
 * tasks of the release run (a task with a HEALTHCHECK is `running` only once healthy). A
 * rollback, a paused update, or (without an update, where Swarm would only restart it) a new
 * task that failed ends the wait with the reason.
 */
export function convergence(input: ConvergenceInput): Convergence {
  if (input.expectUpdate) {
    const status = input.service.UpdateStatus;
    if (status?.StartedAt === undefined || status.StartedAt === input.previousUpdateStart)
      return { kind: "waiting", why: "the update to start" };
    switch (status.State) {
      case "rollback_completed":
        return { kind: "rolled-back", message: status.Message ?? "rollback completed" };
      case "paused":
      case "rollback_paused":
        return { kind: "failed", message: status.Message ?? `update ${status.State}`, taskIds: failedTaskIds(input) };
      case "completed":
        break;
      default:
        return { kind: "waiting", why: `the update (${status.State ?? "starting"})` };
    }
  } else {
    const failed = input.tasks.filter(
      (task) => FAILED_STATES.has(task.Status?.State ?? "") && (task.CreatedAt ?? "") >= input.since,
    );
    if (failed.length > 0) {
      const first = failed[0] as ConvergenceTask;
      return {
        kind: "failed",
        message: first.Status?.Err || first.Status?.Message || `task ${first.Status?.State}`,
        taskIds: failed.map((task) => task.ID ?? ""),
      };
    }
  }
  const wanted = input.tasks.filter((task) => task.DesiredState === "running");
  const running = wanted.filter(
    (task) =>
      task.Status?.State === "running" &&
      task.Spec?.ContainerSpec?.Labels?.[LABELS.releaseId] === String(input.releaseId),
  );
  if (running.length !== input.replicas || wanted.length !== input.replicas)
    return { kind: "waiting", why: `${running.length} of ${input.replicas} tasks running` };
  return { kind: "converged" };
}

/** Task states after which the task's container no longer runs. */
const ENDED_STATES = new Set(["shutdown", "complete", "failed", "rejected", "orphaned", "remove"]);

/**
 * Whether a rollback we asked for is over: Swarm says so, `replicas` tasks of the release rolled
 * back to run, and every other task has ended (its container stopped), so what runs is the old
 * release alone. Pure.
 */
export function rollbackSettled(
  input: Pick<ConvergenceInput, "service" | "tasks" | "replicas" | "releaseId">,
): boolean {
  if (input.service.UpdateStatus?.State !== "rollback_completed") return false;
  const ofRelease = (task: ConvergenceTask) =>
    task.Spec?.ContainerSpec?.Labels?.[LABELS.releaseId] === String(input.releaseId);
  const running = input.tasks.filter(
    (task) => ofRelease(task) && task.DesiredState === "running" && task.Status?.State === "running",
  );
  const others = input.tasks.filter((task) => !(ofRelease(task) && task.DesiredState === "running"));
  return running.length === input.replicas && others.every((task) => ENDED_STATES.has(task.Status?.State ?? ""));
}

function failedTaskIds(input: ConvergenceInput): string[] {
  return input.tasks
    .filter(
      (task) =>
        FAILED_STATES.has(task.Status?.State ?? "") ||
        (task.DesiredState === "shutdown" && (task.Status?.Err ?? "") !== ""),
    )
    .filter((task) => (task.CreatedAt ?? "") >= input.since)
    .map((task) => task.ID ?? "");
}

/**
 * The tasks of release `releaseId` that Swarm no longer wants running (a failed deploy's), the
 * ones Swarm gave an error first: a rollback also shuts down tasks that never failed, and the
 * deploy's error names the first task. Swarm's order is kept otherwise. Pure.
 */
export function failedTasksOfRelease<T extends ConvergenceTask>(tasks: readonly T[], releaseId: number): T[] {
  const ofRelease = tasks.filter(
    (task) =>
      task.Spec?.ContainerSpec?.Labels?.[LABELS.releaseId] === String(releaseId) && task.DesiredState !== "running",
  );
  return [
    ...ofRelease.filter((task) => (task.Status?.Err ?? "") !== ""),
    ...ofRelease.filter((task) => (task.Status?.Err ?? "") === ""),
  ];
}
