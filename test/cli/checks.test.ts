import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

/** The checks properties of a scope, as stored: key -> value. */
function checksProperties(libRoot: string, scope: string): Record<string, string> {
  const dir = join(libRoot, "config/checks", scope);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((key) => [key, readFileSync(join(dir, key), "utf8")]));
}

describe("checks:disable, checks:enable, checks:skip", () => {
  test("disables, skips and enables all types or a list, keeping a type in one list only", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const lib = env.DOKKU_LIB_ROOT as string;
    await runDokku(["apps:create", "shop"], { env });
    const steps: Array<{ stdout: string; stderr: string; exitCode: number; stored: Record<string, string> }> = [];
    for (const args of [
      ["checks:disable", "shop", "web,worker"],
      ["checks:skip", "shop", "worker,clock"],
      ["checks:enable", "shop", "web"],
      ["checks:disable", "shop"],
      ["checks:skip", "shop"],
      ["checks:enable", "shop"],
    ]) {
      const result = await runDokku(args, { env });
      steps.push({ ...result, stored: checksProperties(lib, "shop") });
    }
    expect(steps).toEqual([
      {
        stdout: "-----> Disabling zero downtime for app's (shop) proctypes (web,worker)\n",
        stderr: "",
        exitCode: 0,
        stored: { disabled: "web,worker" },
      },
      {
        stdout: "-----> Skipping zero downtime for app's (shop) proctypes (worker,clock)\n",
        stderr: "",
        exitCode: 0,
        stored: { disabled: "web", skipped: "worker,clock" },
      },
      {
        stdout: "-----> Enabling zero downtime for app's (shop) proctypes (web)\n",
        stderr: "",
        exitCode: 0,
        stored: { skipped: "worker,clock" },
      },
      {
        stdout: "-----> Disabling zero downtime for app (shop)\n",
        stderr: "",
        exitCode: 0,
        stored: { disabled: "_all_" },
      },
      {
        stdout: "-----> Skipping zero downtime for app (shop)\n",
        stderr: "",
        exitCode: 0,
        stored: { skipped: "_all_" },
      },
      { stdout: "-----> Enabling zero downtime for app's (shop)\n", stderr: "", exitCode: 0, stored: {} },
    ]);
  });

  test("refuses a missing app or a bad process type list, and writes nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const results = [
      await runDokku(["checks:disable", "nope"], { env }),
      await runDokku(["checks:disable"], { env }),
      await runDokku(["checks:skip", "shop", "web,,worker"], { env }),
      await runDokku(["checks:enable", "shop", "../web"], { env }),
    ];
    expect(results).toEqual([
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      { stdout: "", stderr: " !     Please specify an app to run the command on\n", exitCode: 1 },
      { stdout: "", stderr: ' !     Invalid process type specified: ""\n', exitCode: 1 },
      { stdout: "", stderr: ' !     Invalid process type specified: "../web"\n', exitCode: 1 },
    ]);
    expect(checksProperties(env.DOKKU_LIB_ROOT as string, "shop")).toEqual({});
  });
});

describe("checks:set and checks:report", () => {
  test("sets wait-to-retire per app and globally, and reports the computed value", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    await runDokku(["checks:skip", "shop", "worker"], { env });
    const set = await runDokku(["checks:set", "shop", "wait-to-retire", "30"], { env });
    const global = await runDokku(["checks:set", "--global", "wait-to-retire", "45"], { env });
    const report = await runDokku(["checks:report", "shop"], { env });
    const unset = await runDokku(["checks:set", "shop", "wait-to-retire"], { env });
    const computed = await runDokku(["checks:report", "shop", "--checks-computed-wait-to-retire"], { env });
    const globalReport = await runDokku(["checks:report", "--global"], { env });
    expect({ set, global, report, unset, computed, globalReport }).toEqual({
      set: { stdout: "=====> Setting wait-to-retire to 30\n", stderr: "", exitCode: 0 },
      global: { stdout: "=====> Setting wait-to-retire to 45\n", stderr: "", exitCode: 0 },
      report: {
        stdout: [
          "=====> shop checks information",
          "       Checks computed wait to retire: 30",
          "       Checks disabled list:           none",
          "       Checks global wait to retire:   45",
          "       Checks skipped list:            worker",
          "       Checks wait to retire:          30",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      unset: { stdout: "=====> Unsetting wait-to-retire\n", stderr: "", exitCode: 0 },
      computed: { stdout: "45\n", stderr: "", exitCode: 0 },
      globalReport: {
        stdout: [
          "=====> --global checks information",
          "       Checks computed wait to retire: 45",
          "       Checks global wait to retire:   45",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
    });
  });

  test("reports Dokku's default of 60 seconds when nothing is set", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const result = await runDokku(["checks:report", "shop", "--format", "json"], { env: roots.env });
    expect({ ...result, stdout: JSON.parse(result.stdout) }).toEqual({
      stdout: {
        // Dokku's checks report carries no legacy checks-* keys in JSON
        "computed-wait-to-retire": "60",
        "disabled-list": "none",
        "global-wait-to-retire": "",
        "skipped-list": "none",
        "wait-to-retire": "",
      },
      stderr: "",
      exitCode: 0,
    });
  });

  test("accepts Dokku's check settings: attempts, timeout, wait and default-wait", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const results = [
      await runDokku(["checks:set", "shop", "attempts", "2"], { env }),
      await runDokku(["checks:set", "shop", "timeout", "3"], { env }),
      await runDokku(["checks:set", "shop", "wait", "0"], { env }),
      await runDokku(["checks:set", "--global", "default-wait", "4"], { env }),
    ];
    expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0]);
    expect([
      checksProperties(env.DOKKU_LIB_ROOT as string, "shop"),
      checksProperties(env.DOKKU_LIB_ROOT as string, "--global"),
    ]).toEqual([{ attempts: "2", timeout: "3", wait: "0" }, { "default-wait": "4" }]);
  });

  test("refuses an unknown or missing key, a bad value and a missing app, and writes nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const results = [
      await runDokku(["checks:set", "shop", "colour", "red"], { env }),
      await runDokku(["checks:set", "shop"], { env }),
      await runDokku(["checks:set", "shop", "wait-to-retire", "soon"], { env }),
      await runDokku(["checks:set", "shop", "wait-to-retire", "1.5"], { env }),
      await runDokku(["checks:set", "--global", "attempts", "0"], { env }),
      await runDokku(["checks:set", "nope", "wait-to-retire", "5"], { env }),
    ];
    expect(results).toEqual([
      {
        stdout: "",
        stderr:
          " !     Invalid key specified, valid keys include: attempts, default-wait, timeout, wait, wait-to-retire\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     No key specified\n", exitCode: 1 },
      {
        stdout: "",
        stderr: " !     Invalid wait-to-retire value specified: must be a whole number of seconds\n",
        exitCode: 1,
      },
      {
        stdout: "",
        stderr: " !     Invalid wait-to-retire value specified: must be a whole number of seconds\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Invalid attempts value specified: must be 1 or more\n", exitCode: 1 },
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
    ]);
    expect([
      checksProperties(env.DOKKU_LIB_ROOT as string, "shop"),
      checksProperties(env.DOKKU_LIB_ROOT as string, "--global"),
    ]).toEqual([{}, {}]);
  });
});

describe("checks:run", () => {
  test("refuses an app that was never deployed", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    const result = await runDokku(["checks:run", "shop"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     App shop has not been deployed\n", exitCode: 1 });
  });
});
