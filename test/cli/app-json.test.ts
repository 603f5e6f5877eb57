import { describe, expect, test } from "bun:test";
import { runDokku } from "../harness";
import { rootsWithApp } from "./config-helpers";

describe("app-json:set and app-json:report (issue 14)", () => {
  test("reports the app's, the global and the computed appjson-path as Dokku does", async () => {
    using roots = rootsWithApp();
    const report = (...args: string[]) => runDokku(["app-json:report", ...args], { env: roots.env });
    expect(await report("web")).toEqual({
      stdout: [
        "=====> web app-json information",
        "       App json appjson path:          ",
        "       App json computed appjson path: app.json",
        "       App json global appjson path:   ",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    await runDokku(["app-json:set", "--global", "appjson-path", "deploy/app.json"], { env: roots.env });
    expect((await report("web", "--app-json-computed-appjson-path")).stdout).toBe("deploy/app.json\n");
    const set = await runDokku(["app-json:set", "web", "appjson-path", "web.json"], { env: roots.env });
    expect(set).toEqual({ stdout: "=====> Setting appjson-path to web.json\n", stderr: "", exitCode: 0 });
    expect((await report("web", "--app-json-computed-appjson-path")).stdout).toBe("web.json\n");
    expect((await report("--global", "--app-json-global-appjson-path")).stdout).toBe("deploy/app.json\n");
  });

  test("refuses a path outside the source tree and an unknown property, writing nothing", async () => {
    using roots = rootsWithApp();
    const outside = await runDokku(["app-json:set", "web", "appjson-path", "../x.json"], { env: roots.env });
    expect(outside.exitCode).toBe(1);
    expect(outside.stderr).toStartWith(" !     ");
    expect(await runDokku(["app-json:set", "web", "other", "x"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid property specified, valid properties include: appjson-path\n",
      exitCode: 1,
    });
    expect((await runDokku(["app-json:report", "web", "--app-json-appjson-path"], { env: roots.env })).stdout).toBe(
      "\n",
    );
  });

  test("with no apps, the report says so, as every report does", async () => {
    using roots = rootsWithApp();
    await runDokku(["--force", "apps:destroy", "web"], { env: roots.env });
    expect(await runDokku(["app-json:report"], { env: roots.env })).toMatchObject({
      stderr: " !     You haven't deployed any applications yet\n",
      exitCode: 0,
    });
  });
});
