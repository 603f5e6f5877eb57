import { describe, expect, test } from "bun:test";
import {
  convergence,
  rollbackSettled,
  type ConvergenceInput,
  type ConvergenceTask,
} from "../../src/builders/swarm-convergence";

function task(
  id: string,
  release: number,
  state: string,
  desired = "running",
  extra: Partial<ConvergenceTask> = {},
): ConvergenceTask {
  return {
    ID: id,
    DesiredState: desired,
    CreatedAt: "2026-01-01T00:00:10Z",
    Spec: { ContainerSpec: { Labels: { "com.dokku.release-id": String(release) } } },
    Status: { State: state },
    ...extra,
  };
}

const base: ConvergenceInput = {
  service: {},
  tasks: [],
  replicas: 2,
  releaseId: 2,
  expectUpdate: false,
  since: "2026-01-01T00:00:05Z",
};

describe("convergence", () => {
  test("converges when exactly the replicas of the release run and nothing else is wanted", () => {
    const tasks = [task("a", 2, "running"), task("b", 2, "running"), task("old", 1, "shutdown", "shutdown")];
    expect(convergence({ ...base, tasks })).toEqual({ kind: "converged" });
  });

  test("waits while a task of the release is starting, or an older release still runs", () => {
    expect([
      convergence({ ...base, tasks: [task("a", 2, "running"), task("b", 2, "starting")] }),
      convergence({ ...base, tasks: [task("a", 2, "running"), task("b", 1, "running")] }),
      convergence({ ...base, tasks: [task("a", 2, "running"), task("b", 2, "running"), task("c", 2, "running")] }),
    ]).toEqual([
      { kind: "waiting", why: "1 of 2 tasks running" },
      { kind: "waiting", why: "1 of 2 tasks running" },
      { kind: "waiting", why: "3 of 2 tasks running" },
    ]);
  });

  test("converges at 0 replicas once no task is wanted", () => {
    expect(convergence({ ...base, replicas: 0, tasks: [task("a", 2, "running", "shutdown")] })).toEqual({
      kind: "converged",
    });
  });

  test("fails on a new task that failed without an update, naming Swarm's error, and ignores failures from before", () => {
    const failed = task("n", 2, "failed", "shutdown", { Status: { State: "failed", Err: "task: non-zero exit (1)" } });
    const older = task("o", 2, "failed", "shutdown", {
      CreatedAt: "2026-01-01T00:00:01Z",
      Status: { State: "failed", Err: "old" },
    });
    expect([
      convergence({ ...base, tasks: [task("a", 2, "running"), failed] }),
      convergence({ ...base, tasks: [task("a", 2, "running"), task("b", 2, "running"), older] }),
    ]).toEqual([{ kind: "failed", message: "task: non-zero exit (1)", taskIds: ["n"] }, { kind: "converged" }]);
  });

  test("waits for an expected update to start, then follows its state to completion", () => {
    const tasks = [task("a", 2, "running"), task("b", 2, "running")];
    const update = (State: string, StartedAt = "2026-01-01T00:00:06Z") => ({
      UpdateStatus: { State, StartedAt, Message: `update ${State}` },
    });
    const input = { ...base, tasks, expectUpdate: true, previousUpdateStart: "2026-01-01T00:00:00Z" };
    expect([
      convergence({ ...input, service: {} }),
      convergence({ ...input, service: update("completed", "2026-01-01T00:00:00Z") }),
      convergence({ ...input, service: update("updating") }),
      convergence({ ...input, service: update("completed") }),
    ]).toEqual([
      { kind: "waiting", why: "the update to start" },
      { kind: "waiting", why: "the update to start" },
      { kind: "waiting", why: "the update (updating)" },
      { kind: "converged" },
    ]);
  });

  test("reports a rollback with Swarm's message, and a paused update as failed with the failed tasks", () => {
    const bad = task("bad", 2, "failed", "shutdown", { Status: { State: "failed", Err: "unhealthy container" } });
    const input = { ...base, tasks: [task("a", 1, "running"), bad], expectUpdate: true };
    expect([
      convergence({
        ...input,
        service: { UpdateStatus: { State: "rollback_completed", StartedAt: "t1", Message: "rollback completed" } },
      }),
      convergence({
        ...input,
        service: { UpdateStatus: { State: "paused", StartedAt: "t1", Message: "update paused due to failure" } },
      }),
    ]).toEqual([
      { kind: "rolled-back", message: "rollback completed" },
      { kind: "failed", message: "update paused due to failure", taskIds: ["bad"] },
    ]);
  });
});

describe("rollbackSettled", () => {
  const done = { UpdateStatus: { State: "rollback_completed" } };
  const input = { service: done, replicas: 1, releaseId: 2 };

  test("is over once Swarm says so, the old release runs and the new release's tasks have ended", () => {
    expect(
      rollbackSettled({
        ...input,
        tasks: [task("a", 2, "running"), task("b", 4, "shutdown", "shutdown"), task("c", 4, "failed", "shutdown")],
      }),
    ).toBe(true);
  });

  test("waits while a task of the failed release still runs, the old one is not back yet, or Swarm is still rolling", () => {
    expect([
      rollbackSettled({ ...input, tasks: [task("a", 2, "running"), task("b", 4, "running", "shutdown")] }),
      rollbackSettled({ ...input, tasks: [task("a", 2, "starting"), task("b", 4, "shutdown", "shutdown")] }),
      rollbackSettled({
        ...input,
        service: { UpdateStatus: { State: "rollback_started" } },
        tasks: [task("a", 2, "running")],
      }),
    ]).toEqual([false, false, false]);
  });
});
