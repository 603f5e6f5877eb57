import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

const NAME_RULE =
  "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens";
/** What a git client sends when it has nothing to push: a flush packet. */
const NOTHING = "0000";

/** The binary as sshd runs it: the client's command in SSH_ORIGINAL_COMMAND. */
function forced(env: Record<string, string>, command: string, stdin = NOTHING) {
  return runDokku([], { env: { ...env, SSH_ORIGINAL_COMMAND: command, NAME: "alice" }, stdin });
}

describe("git-receive-pack", () => {
  const badNames = ["bad;name", "../x", "$(touch pwned)", "Upper", "a b", "a/b", "`id`", ""];
  for (const name of badNames) {
    test(`refuses '${name}' with one line and creates nothing`, async () => {
      using roots = tempRoots();
      const before = snapshotTree(roots.dir);
      const message = name === "" ? "Please specify an app to run the command on" : NAME_RULE;
      expect(await forced(roots.env, `git-receive-pack '${name.replaceAll("'", "'\\''")}'`)).toEqual({
        stdout: "",
        stderr: ` !     ${message}\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
      expect(existsSync(join(roots.dir, "pwned"))).toBe(false);
    });
  }

  test("creates the app, its bare repo and the pre-receive hook on the first push", async () => {
    using roots = tempRoots();
    const result = await forced(roots.env, "git-receive-pack 'fresh'");
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
    expect(result.stdout).toContain("report-status");
    const repo = join(roots.env.DOKKU_ROOT as string, "fresh");
    expect(existsSync(join(repo, "refs"))).toBe(true);
    const hook = readFileSync(join(repo, "hooks", "pre-receive"), "utf8");
    expect(hook).toContain(`exec '${DOKKU_BIN}' git-hook "fresh"`);
    expect(hook).toContain(`DOKKU_ROOT='${roots.env.DOKKU_ROOT}'`);
    expect((await runDokku(["apps:exists", "fresh"], { env: roots.env })).exitCode).toBe(0);
  });

  test("drops the leading slash of dokku@host:/app", async () => {
    using roots = tempRoots();
    expect((await forced(roots.env, "git-receive-pack '/slashed'")).exitCode).toBe(0);
    expect(existsSync(join(roots.env.DOKKU_ROOT as string, "slashed", "hooks", "pre-receive"))).toBe(true);
  });

  test("refuses to create an app when autocreation is disabled, and writes nothing", async () => {
    using roots = tempRoots();
    await runDokku(["apps:set", "--global", "disable-autocreation", "true"], { env: roots.env });
    const before = snapshotTree(roots.dir);
    expect(await forced(roots.env, "git-receive-pack 'newapp'")).toEqual({
      stdout: "",
      stderr:
        " !     App auto-creation disabled.\n !     Re-enable app auto-creation or create an app with 'dokku apps:create newapp'\n",
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });

  test("serves an existing app with autocreation disabled", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "kept"], { env: roots.env });
    await runDokku(["apps:set", "--global", "disable-autocreation", "true"], { env: roots.env });
    expect(await forced(roots.env, "git-receive-pack 'kept'")).toMatchObject({ stderr: "", exitCode: 0 });
  });

  test("is hidden from help", async () => {
    using roots = tempRoots();
    const help = await runDokku(["git:help"], { env: roots.env });
    expect(help.stdout).toContain("git:report");
    expect(help.stdout).not.toContain("git-receive-pack");
    expect(help.stdout).not.toContain("git-hook");
  });
});

describe("git-upload-pack", () => {
  test("serves a clone of the app's repo", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "cloned"], { env: roots.env });
    const result = await forced(roots.env, "git-upload-pack 'cloned'");
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
  });

  test("refuses a bad name and creates nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(roots.dir);
    expect(await forced(roots.env, "git-upload-pack 'x;rm -rf'")).toEqual({
      stdout: "",
      stderr: ` !     ${NAME_RULE}\n`,
      exitCode: 1,
    });
    expect(snapshotTree(roots.dir)).toEqual(before);
  });
});

describe("git-hook", () => {
  test("accepts a push to another branch with Dokku's warning and deploys nothing", async () => {
    using roots = tempRoots();
    using work = tempDir("dokku-git-client-");
    await runDokku(["apps:create", "hooked"], { env: roots.env });
    await runDokku(["git:set", "hooked", "deploy-branch", "main"], { env: roots.env });
    const git = (...args: string[]) =>
      runProgram(["git", "-C", work.path, ...args], {
        env: {
          ...roots.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    await git("init", "--quiet", "--initial-branch", "main");
    await git("commit", "--quiet", "--allow-empty", "-m", "one");
    const pushed = await git("push", join(roots.env.DOKKU_ROOT as string, "hooked"), "main:feature");
    expect(pushed.stderr).toContain("remote: -----> WARNING: deploy did not complete, you must push to main.");
    expect(pushed.stderr).toContain("remote: -----> for example, try 'git push <dokku> feature:main'");
    expect(pushed.exitCode).toBe(0);
    expect(await runDokku(["config:get", "hooked", "GIT_REV"], { env: roots.env })).toMatchObject({
      stdout: "",
      exitCode: 1,
    });
  });

  test("refuses ref lines that are not git's", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "hooked"], { env: roots.env });
    expect(await runDokku(["git-hook", "hooked"], { env: roots.env, stdin: "not a ref line\n" })).toEqual({
      stdout: "",
      stderr: " !     Unexpected ref update line from git: 'not a ref line'\n",
      exitCode: 1,
    });
  });
});
