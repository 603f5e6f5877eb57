import { describe, expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { newBuildId } from "../../../src/plugins/builds/build-id";
import { startBuild } from "../../../src/plugins/builds/build-log";
import {
  displayStatus,
  goDuration,
  listRecords,
  logPath,
  pruneRecords,
  readRecord,
  recordPath,
  writeRecord,
} from "../../../src/plugins/builds/records";
import { appFixture } from "../builder/fixtures";

describe("startBuild", () => {
  test("tees every line into the log as it is printed and records a running build", () => {
    using fx = appFixture("tee");
    const build = startBuild(fx.ctx, fx.app, { source: "git-hook" });
    build.ctx.out.step("Building");
    build.ctx.out.print("Step 1/2 : FROM x");
    build.ctx.out.detail("two\nlines");
    build.ctx.out.warn("careful");
    // written before finish: a crash keeps what was shown
    expect(readFileSync(logPath(fx.ctx, fx.app, build.id), "utf8")).toBe(
      "-----> Building\nStep 1/2 : FROM x\n       two\n       lines\n !     careful\n",
    );
    expect(fx.sink.out).toBe("-----> Building\nStep 1/2 : FROM x\n       two\n       lines\n");
    expect(readRecord(fx.ctx, fx.app, build.id)).toEqual({
      id: build.id,
      app: fx.app,
      kind: "build",
      pid: process.pid,
      started_at: "2024-01-02T03:04:05.000Z",
      status: "running",
      source: "git-hook",
    });
    build.finish("failed");
    build.ctx.out.print("after the end");
    expect(readRecord(fx.ctx, fx.app, build.id)).toMatchObject({
      status: "failed",
      exit_code: 1,
      finished_at: "2024-01-02T03:04:05.000Z",
    });
    expect(readFileSync(logPath(fx.ctx, fx.app, build.id), "utf8")).not.toContain("after the end");
  });

  test("logs lines that --quiet hides", () => {
    using fx = appFixture("quiet");
    const build = startBuild({ ...fx.ctx, out: { ...fx.ctx.out, quiet: true, step: () => undefined } }, fx.app);
    build.ctx.out.step("hidden but logged");
    build.finish("succeeded");
    expect([fx.sink.out, readFileSync(logPath(fx.ctx, fx.app, build.id), "utf8")]).toEqual([
      "",
      "-----> hidden but logged\n",
    ]);
    expect(statSync(recordPath(fx.ctx, fx.app, build.id)).isFile()).toBe(true);
  });
});

describe("build records", () => {
  test("ids sort by time", () => {
    const early = newBuildId(new Date("2024-01-01T00:00:00Z"), new Uint8Array(6).fill(255));
    const late = newBuildId(new Date("2024-01-01T00:00:01Z"), new Uint8Array(6));
    expect([early.length, late.length, early < late]).toEqual([14, 14, true]);
  });

  test("a running record whose process is gone shows as abandoned", () => {
    const record = {
      id: "a",
      app: "x",
      kind: "build",
      pid: 1,
      started_at: "",
      status: "running",
      source: "unknown",
    } as const;
    expect([displayStatus(record, () => false), displayStatus(record, () => true)]).toEqual(["abandoned", "running"]);
  });

  test("prunes finished records past the retention, newest kept, running ones never", () => {
    using fx = appFixture("prune");
    const at = (n: number) => `2024-01-0${n}T00:00:00.000Z`;
    for (const n of [1, 2, 3, 4]) {
      writeRecord(fx.ctx, {
        id: `b${n}`,
        app: fx.app,
        kind: "build",
        pid: 1,
        started_at: at(n),
        status: n === 1 ? "running" : "succeeded",
        source: "x",
      });
    }
    pruneRecords(fx.ctx, fx.app, 2);
    expect(listRecords(fx.ctx, fx.app).map((record) => record.id)).toEqual(["b4", "b3", "b1"]);
  });

  test("formats durations as Go does", () => {
    expect([0, 14, 74, 3605].map(goDuration)).toEqual(["0s", "14s", "1m14s", "1h0m5s"]);
  });
});
