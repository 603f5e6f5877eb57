import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

/** A recorded (not running) release history: v1 and v2, v2 current, v1's image pruned. */
function recordHistory(libRoot: string, app: string): void {
  const dir = join(libRoot, "data/releases", app);
  mkdirSync(dir, { recursive: true });
  const record = (id: number, extra: object) => ({
    id,
    app,
    image: `dokku/${app}:v${id}`,
    imageId: `sha256:${id}`,
    builder: "dockerfile",
    source: "git",
    gitRev: `${id}`.repeat(40),
    createdAt: `2024-01-0${id}T03:04:05.000Z`,
    processes: { web: "httpd" },
    appJson: {},
    user: "alice",
    ...extra,
  });
  writeFileSync(
    join(dir, "1.json"),
    JSON.stringify(record(1, { description: "git push 1111111", status: "image-pruned" })),
  );
  writeFileSync(
    join(dir, "2.json"),
    JSON.stringify(record(2, { description: "config:set SECRET", status: "succeeded" })),
  );
  writeFileSync(join(dir, "2.env"), "export SECRET='hunter2'\n");
  writeFileSync(join(dir, "2.global.env"), "export REGION='eu'\n");
  writeFileSync(join(dir, "current"), "2\n");
}

describe("releases", () => {
  test("lists releases newest first with the current one marked, as a table and as JSON", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    recordHistory(roots.env.DOKKU_LIB_ROOT as string, "app1");
    const table = await runDokku(["releases", "app1"], { env: roots.env });
    const json = await runDokku(["releases", "app1", "--format", "json"], { env: roots.env });
    expect(table).toEqual({
      stdout: [
        "=====> app1 releases",
        "Version  Description        User   Created               Status",
        "v2       config:set SECRET  alice  2024-01-02T03:04:05Z  current",
        "v1       git push 1111111   alice  2024-01-01T03:04:05Z  image pruned",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    expect(
      JSON.parse(json.stdout).map((view: { version: string; current: boolean; status: string }) => [
        view.version,
        view.current,
        view.status,
      ]),
    ).toEqual([
      ["v2", true, "current"],
      ["v1", false, "image pruned"],
    ]);
    expect(json.stdout).not.toContain("hunter2");
  });

  test("releases:info shows config keys, and values only with --show-config", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    recordHistory(roots.env.DOKKU_LIB_ROOT as string, "app1");
    const info = await runDokku(["releases:info", "app1", "v2"], { env: roots.env });
    const shown = await runDokku(["releases:info", "app1", "--show-config"], { env: roots.env });
    expect(info.stdout).toContain("       Config keys:  SECRET (app) REGION (global)\n");
    expect(info.stdout).not.toContain("hunter2");
    expect({ ...info, stdout: "" }).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(shown.stdout).toEndWith("=====> app1 v2 config vars\n       REGION:  eu\n       SECRET:  hunter2\n");
  });

  const refusals: [string, string[], string, number][] = [
    ["a missing app", ["releases", "nope"], "App nope does not exist", 20],
    ["no app", ["releases"], "Please specify an app to run the command on", 1],
    ["a rollback without an app", ["releases:rollback"], "Please specify an app to run the command on", 1],
    [
      "a bad format",
      ["releases", "app1", "--format", "xml"],
      "Invalid format specified, supported formats: json, stdout",
      1,
    ],
    [
      "info on a malformed version",
      ["releases:info", "app1", "x"],
      "Invalid release version: x (expected vN, e.g. v3)",
      1,
    ],
    ["info on an unknown version", ["releases:info", "app1", "v7"], "Release v7 of app1 not found", 1],
    ["info before any deploy", ["releases:info", "app2"], "App app2 has not been deployed", 1],
    ["rollback to x", ["releases:rollback", "app1", "x"], "Invalid release version: x (expected vN, e.g. v3)", 1],
    ["rollback to v0", ["releases:rollback", "app1", "v0"], "Invalid release version: v0 (versions start at v1)", 1],
    ["rollback to v-1", ["releases:rollback", "app1", "v-1"], "Invalid release version: v-1 (expected vN, e.g. v3)", 1],
    ["rollback to an unknown version", ["releases:rollback", "app1", "v9"], "Release v9 of app1 not found", 1],
    [
      "rollback to a pruned release",
      ["releases:rollback", "app1", "v1"],
      "Cannot roll back to v1: its image (dokku/app1:v1) was pruned",
      1,
    ],
    ["rollback of an app never deployed", ["releases:rollback", "app2"], "App app2 has not been deployed", 1],
    ["rollback of a missing app", ["releases:rollback", "nope", "v1"], "App nope does not exist", 20],
    [
      "keep 0",
      ["releases:set", "app1", "keep", "0"],
      "Invalid keep specified: must be a whole number of at least 1",
      1,
    ],
    [
      "keep 1.5",
      ["releases:set", "app1", "keep", "1.5"],
      "Invalid keep specified: must be a whole number of at least 1",
      1,
    ],
    [
      "keep x",
      ["releases:set", "--global", "keep", "x"],
      "Invalid keep specified: must be a whole number of at least 1",
      1,
    ],
    [
      "an unknown property",
      ["releases:set", "app1", "retain", "3"],
      "Invalid property specified, valid properties include: keep",
      1,
    ],
    ["set on a missing app", ["releases:set", "nope", "keep", "3"], "App nope does not exist", 20],
  ];
  for (const [what, args, message, exitCode] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = tempRoots();
      await runDokku(["apps:create", "app1"], { env: roots.env });
      await runDokku(["apps:create", "app2"], { env: roots.env });
      recordHistory(roots.env.DOKKU_LIB_ROOT as string, "app1");
      const before = snapshotTree(roots.dir);
      expect(await runDokku(args, { env: roots.env })).toEqual({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }

  test("rollback to the current release says there is nothing to do", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    recordHistory(roots.env.DOKKU_LIB_ROOT as string, "app1");
    const before = snapshotTree(roots.dir);
    expect(await runDokku(["releases:rollback", "app1", "v2"], { env: roots.env })).toEqual({
      stdout: "-----> v2 is the current release of app1, nothing to do\n",
      stderr: "",
      exitCode: 0,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("releases:set keep and releases:report", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    recordHistory(roots.env.DOKKU_LIB_ROOT as string, "app1");
    expect(await runDokku(["releases:set", "--global", "keep", "3"], { env: roots.env })).toEqual({
      stdout: "=====> Setting keep to 3\n",
      stderr: "",
      exitCode: 0,
    });
    const inherited = await runDokku(["releases:report", "app1", "--releases-computed-keep"], { env: roots.env });
    await runDokku(["releases:set", "app1", "keep", "1"], { env: roots.env });
    const report = await runDokku(["releases:report", "app1"], { env: roots.env });
    await runDokku(["releases:set", "app1", "keep"], { env: roots.env });
    const unset = await runDokku(["releases:report", "app1", "--releases-keep"], { env: roots.env });
    expect({ inherited: inherited.stdout, report, unset: unset.stdout }).toEqual({
      inherited: "3\n",
      report: {
        stdout: [
          "=====> app1 releases information",
          "       Releases computed keep:        1",
          "       Releases count:                2",
          "       Releases current:              v2",
          "       Releases global keep:          3",
          "       Releases keep:                 1",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      unset: "\n",
    });
  });
});
