import { describe, expect, test } from "bun:test";
import { failedDeployReport } from "../../../src/plugins/scheduler/shared/failed-logs";

const id = "0123456789abcdef0123";

describe("failedDeployReport", () => {
  test("saves every failed container's header and output; the error names the first, with its last 20 lines", () => {
    const lines = Array.from({ length: 25 }, (_, n) => `line ${n + 1}`);
    const report = failedDeployReport(
      "app",
      [
        { dyno: "web.1", id, why: "unhealthy", reason: "check failed: unhealthy", lines },
        { dyno: "web.2", id: "fedcba", why: "exited", reason: "exited", lines: ["bye"] },
      ],
      "Could not deploy web",
    );
    expect(report).toEqual({
      saved: [`=====> app web.1 (0123456789ab): unhealthy`, ...lines, "=====> app web.2 (fedcba): exited", "bye"],
      message: ["Could not start web.1: check failed: unhealthy", "Last output of web.1:", ...lines.slice(5)].join(
        "\n",
      ),
    });
  });

  test("says when the failed container printed nothing, and what failed when no container is known", () => {
    expect([
      failedDeployReport("app", [{ dyno: "worker.1", id, why: "x", reason: "x", lines: [] }], "unused").message,
      failedDeployReport("app", [], "Could not deploy web: timed out"),
    ]).toEqual([
      "Could not start worker.1: x\n(worker.1 printed nothing)",
      { saved: ["Could not deploy web: timed out"], message: "Could not deploy web: timed out" },
    ]);
  });
});
