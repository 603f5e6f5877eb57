import { describe, expect, test } from "bun:test";
import { initProcess } from "../../src/plugins/scheduler/shared/properties";
import { coreProperties } from "../../src/store/property-store";
import { runDokku } from "../harness";
import { rootsWithApp } from "./config-helpers";

describe("scheduler-docker-local:set and :report (issue 14)", () => {
  test("init-process is set per app or globally, read by the schedulers and reported as Dokku does", async () => {
    using roots = rootsWithApp();
    const store = coreProperties(`${roots.env.DOKKU_LIB_ROOT}/config`);
    expect(await runDokku(["scheduler-docker-local:report", "web"], { env: roots.env })).toEqual({
      stdout: [
        "=====> web scheduler-docker-local information",
        "       Scheduler docker local computed init process:            true",
        "       Scheduler docker local computed parallel schedule count: 1",
        "       Scheduler docker local global init process:              ",
        "       Scheduler docker local global parallel schedule count:   ",
        "       Scheduler docker local init process:                     ",
        "       Scheduler docker local parallel schedule count:          ",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    await runDokku(["scheduler-docker-local:set", "--global", "init-process", "false"], { env: roots.env });
    expect(initProcess({ store }, "web")).toBe(false);
    await runDokku(["scheduler-docker-local:set", "web", "init-process", "true"], { env: roots.env });
    expect(initProcess({ store }, "web")).toBe(true);
    const computed = await runDokku(
      ["scheduler-docker-local:report", "web", "--scheduler-docker-local-computed-init-process"],
      {
        env: roots.env,
      },
    );
    expect(computed.stdout).toBe("true\n");
  });

  test("refuses a value other than true or false, and parallel-schedule-count (not honoured here)", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["scheduler-docker-local:set", "web", "init-process", "yes"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid init-process 'yes': it must be true or false\n",
      exitCode: 1,
    });
    expect(
      (await runDokku(["scheduler-docker-local:set", "web", "parallel-schedule-count", "4"], { env: roots.env }))
        .stderr,
    ).toBe(" !     Invalid property specified, valid properties include: init-process\n");
  });
});
