import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

function withApp() {
  const roots = tempRoots();
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
  return roots;
}

describe("builder:set", () => {
  test("sets and clears selected and build-dir, per app and globally", async () => {
    using roots = withApp();
    const set = await runDokku(["builder:set", "web", "selected", "dockerfile"], { env: roots.env });
    const global = await runDokku(["builder:set", "--global", "build-dir", "app2"], { env: roots.env });
    expect([set, global]).toEqual([
      { stdout: "=====> Setting selected to dockerfile\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting build-dir to app2\n", stderr: "", exitCode: 0 },
    ]);
    const report = await runDokku(["builder:report", "web", "--format", "json"], { env: roots.env });
    expect(JSON.parse(report.stdout)).toMatchObject({
      selected: "dockerfile",
      "computed-selected": "dockerfile",
      "computed-build-dir": "app2",
      "build-dir": "",
    });
    const unset = await runDokku(["builder:set", "web", "selected"], { env: roots.env });
    expect(unset).toEqual({ stdout: "=====> Unsetting selected\n", stderr: "", exitCode: 0 });
    expect((await runDokku(["builder:report", "web", "--builder-computed-selected"], { env: roots.env })).stdout).toBe(
      "\n",
    );
  });

  test("refuses bad input with one line and writes nothing", async () => {
    using roots = withApp();
    const before = snapshotTree(roots.dir);
    const cases: [string[], string, number][] = [
      [
        ["builder:set", "web", "selected", "../bin/sh"],
        "Invalid builder specified: ../bin/sh. A builder's name is 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit",
        1,
      ],
      [
        ["builder:set", "web", "colour", "red"],
        "Invalid property specified, valid properties include: build-dir, detected, selected, skip-cleanup",
        1,
      ],
      [["builder:set", "web"], "No property specified", 1],
      [
        ["builder:set", "web", "build-dir", "../outside"],
        "Invalid build-dir '../outside': it must stay inside the app's source tree",
        1,
      ],
      [["builder:set", "web", "skip-cleanup", "maybe"], "skip-cleanup must be true or false", 1],
      [["builder:set", "missing", "selected", "dockerfile"], "App missing does not exist", 20],
      [
        ["builder-dockerfile:set", "web", "dockerfile-path", "../Dockerfile"],
        "Invalid dockerfile-path '../Dockerfile': it must stay inside the app's source tree",
        1,
      ],
      [
        ["builder-dockerfile:set", "web", "dockerfile-path", "/"],
        "Invalid dockerfile-path '/': it must name a file inside the app's source tree",
        1,
      ],
      [
        ["builder-dockerfile:set", "web", "build-args-keys", "A,b-c"],
        "Invalid build arg key 'b-c': use config keys such as NODE_ENV, separated by commas",
        1,
      ],
      [
        ["builder-dockerfile:set", "web", "nope", "x"],
        "Invalid property specified, valid properties include: build-args-keys, dockerfile-path",
        1,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runDokku(args, { env: roots.env })));
    expect(results).toEqual(
      cases.map(([, message, exitCode]) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode })),
    );
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("warns that detected is read-only and changes nothing", async () => {
    using roots = withApp();
    const result = await runDokku(["builder:set", "web", "detected", "dockerfile"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     detected is a read-only property\n", exitCode: 0 });
  });
});

describe("builder:report", () => {
  test("shows Dokku's flags for an app", async () => {
    using roots = withApp();
    const result = await runDokku(["builder:report", "web"], { env: roots.env });
    expect(result).toEqual({
      stdout: [
        "=====> web builder information",
        "       Builder build dir:             ",
        "       Builder computed build dir:    ",
        "       Builder computed selected:     ",
        "       Builder computed skip cleanup: false",
        "       Builder detected:              ",
        "       Builder global build dir:      ",
        "       Builder global selected:       ",
        "       Builder global skip cleanup:   ",
        "       Builder selected:              ",
        "       Builder skip cleanup:          ",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });
});

describe("builder-dockerfile", () => {
  test("sets dockerfile-path and reports the computed value, app over global over Dockerfile", async () => {
    using roots = withApp();
    await runDokku(["builder-dockerfile:set", "--global", "dockerfile-path", "Dockerfile2"], { env: roots.env });
    const global = await runDokku(
      ["builder-dockerfile:report", "web", "--builder-dockerfile-computed-dockerfile-path"],
      { env: roots.env },
    );
    const set = await runDokku(["builder-dockerfile:set", "web", "dockerfile-path", ".dokku/Dockerfile"], {
      env: roots.env,
    });
    const own = await runDokku(["builder-dockerfile:report", "web", "--builder-dockerfile-computed-dockerfile-path"], {
      env: roots.env,
    });
    expect([global.stdout, set.stdout, own.stdout]).toEqual([
      "Dockerfile2\n",
      "=====> Setting dockerfile-path to .dokku/Dockerfile\n",
      ".dokku/Dockerfile\n",
    ]);
  });
});
