import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { DOKKU_BIN, runDokku, tempDir, tempRoots, type RunResult } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";
import { tarOf, zipOf, type FixtureEntry } from "../archive-fixtures";

/** The binary with bytes on stdin (runDokku's stdin is text). */
async function withBytes(args: readonly string[], env: Record<string, string>, stdin: Uint8Array): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, ...args], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, ...env },
    stdin: new Blob([stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

const APP_FILES: FixtureEntry[] = [{ name: "Dockerfile", body: "FROM dokku-test/busybox:latest\n" }];

describe("git:from-archive", () => {
  const argumentRefusals: [string, string[], string, number][] = [
    ["a missing app", ["nope", "https://example.com/a.tar"], "App nope does not exist", 20],
    ["no archive url", ["app1"], "Please specify an archive url or -- to fetch the archive from stdin", 1],
    [
      "an unknown archive type",
      ["--archive-type", "rar", "app1", "--"],
      "Invalid archive type specified, valid archive types include: tar, tar.gz, zip",
      1,
    ],
    ["a file:// url", ["app1", "file:///etc/passwd"], "Archive url must use http or https: file:///etc/passwd", 1],
    ["a url that is not one", ["app1", "not a url"], "Invalid archive url: not a url", 1],
  ];
  for (const [what, args, message, exitCode] of argumentRefusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = tempRoots();
      await runDokku(["apps:create", "app1"], { env: roots.env });
      const before = snapshotTree(roots.dir);
      expect(await runDokku(["git:from-archive", ...args], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
    });
  }

  const archiveRefusals: [string, string, Uint8Array, string][] = [
    [
      "a zip slip entry",
      "tar",
      tarOf([...APP_FILES, { name: "../../etc/cron.d/x", body: "evil" }]),
      "Archive contains entries with parent directory traversal: ../../etc/cron.d/x",
    ],
    [
      "an absolute path",
      "tar.gz",
      gzipSync(tarOf([{ name: "/etc/passwd", body: "root::0:0::/:/bin/sh" }])),
      "Archive contains entries with absolute paths: /etc/passwd",
    ],
    [
      "a symlink out of the tree",
      "zip",
      zipOf([...APP_FILES, { name: "up", type: "2", linkName: "../../../" }]),
      "Archive contains symlinks pointing outside extraction directory: up -> ../../../",
    ],
    [
      "a hardlink out of the tree",
      "tar",
      tarOf([{ name: "shadow", type: "1", linkName: "/etc/shadow" }]),
      "Archive contains hardlinks pointing outside extraction directory: shadow -> /etc/shadow",
    ],
    [
      "a device file",
      "tar",
      tarOf([{ name: "disk", type: "3" }]),
      "Archive contains device files or other special entries: disk",
    ],
    [
      "bytes that are no tar",
      "tar",
      new TextEncoder().encode("x".repeat(1024)),
      "Archive is not a valid tar file (bad header checksum)",
    ],
  ];
  for (const [what, type, bytes, message] of archiveRefusals) {
    test(`refuses ${what} on stdin before writing anything`, async () => {
      using roots = tempRoots();
      using tmp = tempDir("dokku-archive-tmp-");
      await runDokku(["apps:create", "app1"], { env: roots.env });
      const before = snapshotTree(roots.dir);
      const result = await withBytes(
        ["git:from-archive", "--archive-type", type, "app1", "--"],
        { ...roots.env, TMPDIR: tmp.path },
        bytes,
      );
      expect(result).toEqual({
        stdout: `-----> Fetching ${type} file from stdin\n-----> Generating build context\n`,
        stderr: ` !     ${message}\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
      expect(readdirSync(tmp.path)).toEqual([]);
    });
  }

  test("refuses an archive over git:set --global archive-max-size while reading it", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["git:set", "--global", "archive-max-size", "2048"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const bytes = tarOf([{ name: "big", body: "x".repeat(4096) }]);
    expect(await withBytes(["git:from-archive", "app1", "-", "tar"], roots.env, bytes)).toEqual({
      stdout: "-----> Fetching tar file from stdin\n",
      stderr: " !     Archive exceeds maximum allowed size of 2048 bytes\n",
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("refuses an archive with more entries than git:set --global archive-max-files", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["git:set", "--global", "archive-max-files", "2"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    const bytes = zipOf([{ name: "a" }, { name: "b" }, { name: "c" }]);
    const result = await withBytes(["git:from-archive", "app1", "--", "zip"], roots.env, bytes);
    expect(result).toMatchObject({
      stderr: " !     Archive contains 3 entries which exceeds the maximum of 2\n",
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});
