import { describe, expect, test } from "bun:test";
import { failedTasksOfRelease, type ConvergenceTask } from "../../src/builders/swarm-convergence";

function task(id: string, release: number, desired: string, status: ConvergenceTask["Status"]): ConvergenceTask {
  return {
    ID: id,
    DesiredState: desired,
    Spec: { ContainerSpec: { Labels: { "com.dokku.release-id": String(release) } } },
    Status: status,
  };
}

describe("failedTasksOfRelease", () => {
  test("puts the task Swarm gave an error before the ones its rollback shut down, when it lists it last (issue 7)", () => {
    const tasks = [
      task("old", 2, "running", { State: "running" }),
      task("never-started", 3, "shutdown", { State: "shutdown", Message: "shutdown" }),
      task("replaced", 3, "shutdown", { State: "shutdown", Message: "shutdown" }),
      task("unhealthy", 3, "shutdown", {
        State: "failed",
        Err: "task: non-zero exit (143): dockerexec: unhealthy container",
      }),
    ];
    expect(failedTasksOfRelease(tasks, 3).map((entry) => entry.ID)).toEqual(["unhealthy", "never-started", "replaced"]);
  });

  test("keeps Swarm's order among tasks alike and leaves out the release's running tasks and other releases", () => {
    const tasks = [
      task("a", 3, "shutdown", { State: "shutdown" }),
      task("running", 3, "running", { State: "running" }),
      task("other", 2, "shutdown", { State: "failed", Err: "boom" }),
      task("b", 3, "shutdown", { State: "rejected", Err: "no such image" }),
      task("c", 3, "shutdown", { State: "failed", Err: "exit 1" }),
    ];
    expect(failedTasksOfRelease(tasks, 3).map((entry) => entry.ID)).toEqual(["b", "c", "a"]);
  });
});
