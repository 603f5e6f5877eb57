import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

/** Refused with one ` !     ` line and the exit code, nothing written under the roots. */
async function expectRefused(
  roots: { dir: string; env: Record<string, string> },
  args: string[],
  message: string,
  exitCode = 1,
): Promise<void> {
  const before = snapshotTree(roots.dir);
  expect(await runDokku(args, { env: roots.env })).toEqual({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
  expect(snapshotTree(roots.dir)).toEqual(before);
}

describe("cleanup, repo:gc and repo:purge-cache arguments", () => {
  test("refuses bad or missing apps with nothing written", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await expectRefused(
      roots,
      ["cleanup", "Upper"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
    );
    await expectRefused(roots, ["cleanup", "missing"], "App missing does not exist", 20);
    await expectRefused(roots, ["cleanup", "app1", "--global"], "Specify either an app or --global, not both");
    await expectRefused(roots, ["repo:gc"], "Please specify an app to run the command on");
    await expectRefused(roots, ["repo:gc", "missing"], "App missing does not exist", 20);
    await expectRefused(
      roots,
      ["repo:gc", "a;b"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
    );
    await expectRefused(roots, ["repo:purge-cache"], "Please specify an app to run the command on");
    await expectRefused(roots, ["repo:purge-cache", "missing"], "App missing does not exist", 20);
  });

  test("cleanup and repo:purge-cache leave an app locked with apps:lock alone", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    await runDokku(["apps:lock", "app1"], { env: roots.env });
    for (const args of [
      ["cleanup", "app1"],
      ["repo:purge-cache", "app1"],
    ]) {
      const before = snapshotTree(roots.dir);
      expect(await runDokku(args, { env: roots.env })).toEqual({
        stdout: "",
        stderr:
          " !     app1 currently has a deploy lock in place. Exiting...\n !     Run 'apps:unlock' to release the existing deploy lock\n",
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
    }
  });

  test("repo:gc refuses an app without a git repository", async () => {
    using roots = tempRoots();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, "bare"));
    await expectRefused(
      roots,
      ["repo:gc", "bare"],
      "Unable to run git gc: bare has no git repository yet (push to it first)",
    );
  });
});

describe("repo:gc", () => {
  test("packs the app repo's loose objects and leaves its branch ref a loose file", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "app1"], { env: roots.env });
    const repo = join(roots.env.DOKKU_ROOT as string, "app1");
    const git = (...args: string[]) =>
      runProgram(["git", `--git-dir=${repo}`, ...args], { stdin: args.includes("--stdin") ? "hello\n" : undefined });
    const blob = (await git("hash-object", "-w", "--stdin")).stdout.trim();
    const tree = (
      await runProgram(["git", `--git-dir=${repo}`, "mktree"], { stdin: `100644 blob ${blob}\tREADME\n` })
    ).stdout.trim();
    const commit = (
      await runProgram(["git", `--git-dir=${repo}`, "commit-tree", tree, "-m", "one"], {
        env: {
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
        },
      })
    ).stdout.trim();
    expect((await git("update-ref", "refs/heads/master", commit)).exitCode).toBe(0);
    const counts = async () =>
      Object.fromEntries(
        (await git("count-objects", "-v")).stdout
          .trim()
          .split("\n")
          .map((line) => line.split(": "))
          .filter(([key]) => key === "count" || key === "in-pack"),
      );

    expect(await counts()).toEqual({ count: "3", "in-pack": "0" });
    const result = await runDokku(["repo:gc", "app1"], { env: roots.env });
    expect({ stdout: result.stdout, exitCode: result.exitCode }).toEqual({ stdout: "", exitCode: 0 });
    expect({
      counts: await counts(),
      looseRef: existsSync(join(repo, "refs/heads/master")),
      head: (await git("rev-parse", "master")).stdout.trim(),
    }).toEqual({
      counts: { count: "0", "in-pack": "3" },
      looseRef: true,
      head: commit,
    });
  });
});
