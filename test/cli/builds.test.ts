import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startBuild } from "../../src/plugins/builds/build-log";
import { logPath, writeRecord } from "../../src/plugins/builds/records";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";
import { testContext } from "../plugins/apps/context";

/**
 * Roots with app `web` and one finished build, made in-process by the same startBuild the
 * deploy pipeline calls (so these tests do not wait for a whole deploy).
 */
function withBuild() {
  const roots = tempRoots();
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
  const { ctx } = testContext(roots.env, new Date("2024-05-06T07:08:09Z"));
  const build = startBuild(ctx, "web", { source: "git-hook" });
  build.ctx.out.step("Building web from Dockerfile");
  build.ctx.out.print("Step 1/1 : FROM busybox");
  build.finish("succeeded");
  return { roots, ctx, id: build.id, [Symbol.dispose]: () => roots[Symbol.dispose]() };
}

const pid = String(process.pid);
const row = (cells: string[], widths: number[]) =>
  cells.map((cell, i) => (i === cells.length - 1 ? cell : `${cell.padEnd(widths[i] as number)}  `)).join("");

describe("builds:list", () => {
  test("lists an app's builds with Dokku's columns", async () => {
    using fx = withBuild();
    const widths = [14, 5, 9, Math.max(3, pid.length), 8, 20];
    const result = await runDokku(["builds:list", "web"], { env: fx.roots.env });
    expect(result).toEqual({
      stdout: `${row(["Build ID", "Kind", "Status", "PID", "Source", "Started", "Duration"], widths)}\n${row([fx.id, "build", "succeeded", pid, "git-hook", "2024-05-06T07:08:09Z", "0s"], widths)}\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("prints records as JSON with the display status, duration and log path", async () => {
    using fx = withBuild();
    const result = await runDokku(["builds:list", "web", "--format", "json"], { env: fx.roots.env });
    expect({ ...result, stdout: JSON.parse(result.stdout) }).toEqual({
      stdout: [
        {
          id: fx.id,
          app: "web",
          kind: "build",
          pid: process.pid,
          started_at: "2024-05-06T07:08:09.000Z",
          status: "succeeded",
          source: "git-hook",
          finished_at: "2024-05-06T07:08:09.000Z",
          exit_code: 0,
          display_status: "succeeded",
          duration: "0s",
          log_path: logPath(fx.ctx, "web", fx.id),
        },
      ],
      stderr: "",
      exitCode: 0,
    });
  });

  test("shows records still marked running across apps (as Dokku, abandoned ones too), newest first", async () => {
    using fx = withBuild();
    const running = startBuild(fx.ctx, "web", { source: "git:from-image" });
    writeRecord(fx.ctx, {
      id: "0abandoned0000",
      app: "web",
      kind: "build",
      pid: 2 ** 22 + 1,
      started_at: "2024-05-06T07:00:00.000Z",
      status: "running",
      source: "git-hook",
    });
    const all = await runDokku(["builds:list"], { env: fx.roots.env });
    const widths = [3, 14, 5, 7, 14];
    expect(all).toEqual({
      stdout: [
        row(["App", "Build ID", "Kind", "PID", "Source", "Started"], widths),
        row(["web", running.id, "build", pid, "git:from-image", "2024-05-06T07:08:09Z"], widths),
        row(["web", "0abandoned0000", "build", String(2 ** 22 + 1), "git-hook", "2024-05-06T07:00:00Z"], widths),
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    const abandoned = await runDokku(["builds:list", "web", "--status", "abandoned", "--format", "json"], {
      env: fx.roots.env,
    });
    expect(JSON.parse(abandoned.stdout).map((record: { id: string }) => record.id)).toEqual(["0abandoned0000"]);
    running.finish("succeeded");
  });

  test("says so when there are no builds", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
    const [one, all] = await Promise.all([
      runDokku(["builds:list", "web"], { env: roots.env }),
      runDokku(["builds:list"], { env: roots.env }),
    ]);
    expect([one, all]).toEqual([
      { stdout: "No builds recorded for this app\n", stderr: "", exitCode: 0 },
      { stdout: "No builds currently running\n", stderr: "", exitCode: 0 },
    ]);
  });

  test("refuses bad flags and unknown apps with one line, writing nothing", async () => {
    using fx = withBuild();
    const before = snapshotTree(fx.roots.dir);
    const cases: [string[], string, number][] = [
      [["builds:list", "web", "--format", "yaml"], "Invalid format specified, supported formats: json, stdout", 1],
      [["builds:list", "web", "--kind", "rebuild"], 'Invalid --kind value "rebuild" (allowed: build, deploy)', 1],
      [
        ["builds:list", "web", "--status", "done"],
        'Invalid --status value "done" (allowed: running, succeeded, failed, canceled, abandoned)',
        1,
      ],
      [["builds:list", "nope"], "App nope does not exist", 20],
      [["builds:output", "web", "zzzzzzzzzzzzzz"], "No build log found for web/zzzzzzzzzzzzzz", 1],
      [["builds:output", "web", "../../etc/passwd"], "No build log found for web/../../etc/passwd", 1],
      [["builds:info", "web"], "Please specify a build id", 1],
      [["builds:info", "web", "nope"], "No build record found for web/nope", 1],
    ];
    const results = await Promise.all(cases.map(([args]) => runDokku(args, { env: fx.roots.env })));
    expect(results).toEqual(
      cases.map(([, message, exitCode]) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode })),
    );
    expect(snapshotTree(fx.roots.dir)).toEqual(before);
  });
});

describe("builds:output", () => {
  test("prints a finished build's log as it was shown", async () => {
    using fx = withBuild();
    const result = await runDokku(["builds:output", "web", fx.id], { env: fx.roots.env });
    expect(result).toEqual({
      stdout: "-----> Building web from Dockerfile\nStep 1/1 : FROM busybox\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("says the app is not deploying when there is no current build", async () => {
    using fx = withBuild();
    const result = await runDokku(["builds:output", "web", "current"], { env: fx.roots.env });
    expect(result).toEqual({ stdout: "-----> App not currently deploying\n", stderr: "", exitCode: 0 });
  });
});

describe("builds:info", () => {
  test("shows one build", async () => {
    using fx = withBuild();
    const result = await runDokku(["builds:info", "web", fx.id], { env: fx.roots.env });
    const lines = [
      ["Build ID:", fx.id],
      ["App:", "web"],
      ["Kind:", "build"],
      ["Status:", "succeeded"],
      ["PID:", pid],
      ["Source:", "git-hook"],
      ["Started:", "2024-05-06T07:08:09Z"],
      ["Finished:", "2024-05-06T07:08:09Z"],
      ["Duration:", "0s"],
      ["Exit Code:", "0"],
      ["Log:", logPath(fx.ctx, "web", fx.id)],
    ];
    expect(result).toEqual({
      stdout: `${lines.map((cells) => row(cells, [10])).join("\n")}\n`,
      stderr: "",
      exitCode: 0,
    });
  });
});

describe("builds:cancel", () => {
  test("marks a build whose process is gone as failed", async () => {
    using fx = withBuild();
    writeRecord(fx.ctx, {
      id: "0stale00000000",
      app: "web",
      kind: "build",
      pid: 2 ** 22 + 1,
      started_at: "2024-05-06T07:00:00.000Z",
      status: "running",
      source: "git-hook",
    });
    const cancel = await runDokku(["builds:cancel", "web"], { env: fx.roots.env });
    const again = await runDokku(["builds:cancel", "web"], { env: fx.roots.env });
    const info = await runDokku(["builds:info", "web", "0stale00000000", "--format", "json"], { env: fx.roots.env });
    expect([cancel.stdout, again.stdout, JSON.parse(info.stdout).status]).toEqual([
      "-----> Build was already terminated, marking failed\n",
      "-----> App not currently deploying\n",
      "failed",
    ]);
  });
});
