import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { DOKKU_BIN, runDokku, tempDir } from "../harness";
import { rootsWithApp } from "./config-helpers";

const VARS = ["BAR=BAZ", "FOO=b'ar ", "BAZ=a\nb"];

describe("config:export", () => {
  const expected: Record<string, string> = {
    exports: "export BAR='BAZ'\nexport BAZ='a\nb'\nexport FOO='b'\\''ar '\n",
    envfile: 'BAR="BAZ"\nBAZ="a\\nb"\nFOO="b\'ar "\n',
    "docker-args": "--env=BAR='BAZ' --env=BAZ='a\nb' --env=FOO='b'\\''ar '\n",
    "docker-args-keys": "--env=BAR --env=BAZ --env=FOO\n",
    json: '{"BAR":"BAZ","BAZ":"a\\nb","FOO":"b\'ar "}\n',
    "json-list": '[{"name":"BAR","value":"BAZ"},{"name":"BAZ","value":"a\\nb"},{"name":"FOO","value":"b\'ar "}]\n',
    "pack-keys": "--env BAR --env BAZ --env FOO\n",
    pretty: "BAR:  BAZ\nBAZ:  a\nb\nFOO:  b'ar\n",
    shell: "BAR='BAZ' BAZ='a\nb' FOO='b'\\''ar ' ",
  };
  for (const [format, stdout] of Object.entries(expected)) {
    test(`prints --format ${format} as Dokku does`, async () => {
      using roots = rootsWithApp();
      await runDokku(["config:set", "web", ...VARS], { env: roots.env });
      expect(await runDokku(["config:export", "--format", format, "web"], { env: roots.env })).toEqual({
        stdout,
        stderr: "",
        exitCode: 0,
      });
    });
  }

  test("defaults to exports and accepts --format=FORMAT", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=1"], { env: roots.env });
    expect(await runDokku(["config:export", "web"], { env: roots.env })).toEqual({
      stdout: "export A='1'\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:export", "--format=json", "web"], { env: roots.env })).toEqual({
      stdout: '{"A":"1"}\n',
      stderr: "",
      exitCode: 0,
    });
  });

  test("merges global under the app with --merged, and exports the global scope", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--global", "A=global", "G=1"], { env: roots.env });
    await runDokku(["config:set", "web", "A=app"], { env: roots.env });
    expect(await runDokku(["config:export", "--merged", "--format", "json", "web"], { env: roots.env })).toEqual({
      stdout: '{"A":"app","G":"1"}\n',
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:export", "--format", "shell", "--global"], { env: roots.env })).toEqual({
      stdout: "A='global' G='1' ",
      stderr: "",
      exitCode: 0,
    });
  });

  test("prints an empty environment as Go does", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:export", "--format", "json-list", "web"], { env: roots.env })).toEqual({
      stdout: "null\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:export", "web"], { env: roots.env })).toEqual({
      stdout: "\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses an unknown format and a missing app", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:export", "--format", "yaml", "web"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Unknown export format: yaml\n",
      exitCode: 1,
    });
    expect(await runDokku(["config:export", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});

describe("config:bundle", () => {
  test("writes a tar with one 0600 file per key that tar extracts byte for byte", async () => {
    using roots = rootsWithApp();
    using out = tempDir();
    await runDokku(["config:set", "--global", "G=global"], { env: roots.env });
    await runDokku(["config:set", "web", "A=it's\nmulti", "EMPTY=", "U=héllo ✓"], { env: roots.env });
    const archive = `${out.path}/env.tar`;
    const child = Bun.spawnSync([DOKKU_BIN, "config:bundle", "--merged", "web"], {
      env: { PATH: process.env.PATH ?? "", ...roots.env },
    });
    expect([child.exitCode, child.stderr.toString()]).toEqual([0, ""]);
    writeFileSync(archive, child.stdout);
    const listing = Bun.spawnSync(["tar", "-tvf", archive]).stdout.toString();
    expect(
      listing
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.split(/\s+/)[0], line.split(/\s+/).at(-1)]),
    ).toEqual([
      ["-rw-------", "A"],
      ["-rw-------", "EMPTY"],
      ["-rw-------", "G"],
      ["-rw-------", "U"],
    ]);
    const dir = `${out.path}/x`;
    mkdirSync(dir);
    expect(Bun.spawnSync(["tar", "-xf", archive, "-C", dir]).exitCode).toBe(0);
    expect(["A", "EMPTY", "G", "U"].map((key) => readFileSync(`${dir}/${key}`, "utf8"))).toEqual([
      "it's\nmulti",
      "",
      "global",
      "héllo ✓",
    ]);
  });

  test("refuses a missing app", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:bundle", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});
