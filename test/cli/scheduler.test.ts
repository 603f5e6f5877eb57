import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

describe("scheduler:set and scheduler:report", () => {
  test("sets docker-local for an app and reports it", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const set = await runDokku(["scheduler:set", "shop", "selected", "docker-local"], { env: roots.env });
    const report = await runDokku(["scheduler:report", "shop"], { env: roots.env });
    expect({ set, report }).toEqual({
      set: { stdout: "=====> Setting selected to docker-local\n", stderr: "", exitCode: 0 },
      report: {
        stdout: [
          "=====> shop scheduler information",
          "       Scheduler computed selected:   docker-local",
          "       Scheduler computed shell:      ",
          "       Scheduler global selected:     ",
          "       Scheduler global shell:        ",
          "       Scheduler selected:            docker-local",
          "       Scheduler shell:               ",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
    });
  });

  test("selects swarm for an app, the global default staying docker-local", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const set = await runDokku(["scheduler:set", "shop", "selected", "swarm"], { env: roots.env });
    const computed = await runDokku(["scheduler:report", "shop", "--scheduler-computed-selected"], { env: roots.env });
    const global = await runDokku(["scheduler:report", "--global", "--scheduler-computed-selected"], {
      env: roots.env,
    });
    expect({ set, computed, global }).toEqual({
      set: { stdout: "=====> Setting selected to swarm\n", stderr: "", exitCode: 0 },
      computed: { stdout: "swarm\n", stderr: "", exitCode: 0 },
      global: { stdout: "docker-local\n", stderr: "", exitCode: 0 },
    });
  });

  test("reports one global value and unsets it", async () => {
    using roots = tempRoots();
    await runDokku(["scheduler:set", "--global", "shell", "/bin/sh"], { env: roots.env });
    const value = await runDokku(["scheduler:report", "--global", "--scheduler-computed-shell"], { env: roots.env });
    const unset = await runDokku(["scheduler:set", "--global", "shell"], { env: roots.env });
    expect({ value, unset }).toEqual({
      value: { stdout: "/bin/sh\n", stderr: "", exitCode: 0 },
      unset: { stdout: "=====> Unsetting shell\n", stderr: "", exitCode: 0 },
    });
  });

  test("refuses a scheduler this build does not have, and writes nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const result = await runDokku(["scheduler:set", "shop", "selected", "k3s"], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr: " !     Invalid scheduler specified: k3s; available schedulers: docker-local, swarm, null\n",
      exitCode: 1,
    });
    expect(existsSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/scheduler/shop/selected"))).toBe(false);
  });

  test("refuses an unknown property and a missing app", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const property = await runDokku(["scheduler:set", "shop", "colour", "red"], { env: roots.env });
    const app = await runDokku(["scheduler:set", "nope", "selected", "docker-local"], { env: roots.env });
    expect({ property, app }).toEqual({
      property: {
        stdout: "",
        stderr: " !     Invalid property specified, valid properties include: selected, shell\n",
        exitCode: 1,
      },
      app: { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
    });
  });
});
