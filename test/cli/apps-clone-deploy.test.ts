import { describe, expect, test } from "bun:test";
import { chownSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { safeDirectoryConfig } from "../../src/plugins/git/clone-repo";
import { runDokku, runProgram, tempDir, tempRoots } from "../harness";

const AUTHOR = {
  GIT_AUTHOR_NAME: "T",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "T",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

async function git(...args: string[]): Promise<string> {
  const result = await runProgram(["git", ...args], { env: AUTHOR });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Puts one commit on `main` of the app's bare repo without a push (no hook runs); returns it. */
async function commitInto(repo: string): Promise<string> {
  using work = tempDir("dokku-clone-work-");
  await git("init", "--quiet", "--initial-branch", "main", work.path);
  writeFileSync(join(work.path, "Dockerfile"), "FROM dokku-test/busybox:latest\n");
  await git("-C", work.path, "add", "--all");
  await git("-C", work.path, "commit", "--quiet", "-m", "code");
  await git(`--git-dir=${repo}`, "fetch", "--quiet", work.path, "main:main");
  return await git("-C", work.path, "rev-parse", "HEAD");
}

describe("safeDirectoryConfig", () => {
  test("quotes the path as git config syntax wants", () => {
    expect(safeDirectoryConfig('/home/do"kku\\x/app')).toEqual('[safe]\n\tdirectory = "/home/do\\"kku\\\\x/app"\n');
  });
});

describe("apps:clone deploy", () => {
  test("copies the code but deploys nothing when the app has nothing at its deploy branch", async () => {
    using roots = tempRoots();
    expect((await runDokku(["apps:create", "empty-app"], { env: roots.env })).exitCode).toBe(0);
    const result = await runDokku(["apps:clone", "empty-app", "empty-copy"], { env: roots.env });
    expect(result).toEqual({
      stdout: "-----> Cloning empty-app to empty-copy\n-----> Creating empty-copy...\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("--skip-deploy copies the refs and builds nothing", async () => {
    using roots = tempRoots();
    expect((await runDokku(["apps:create", "code-app"], { env: roots.env })).exitCode).toBe(0);
    const rev = await commitInto(join(roots.env.DOKKU_ROOT as string, "code-app"));
    expect((await runDokku(["git:set", "code-app", "deploy-branch", "main"], { env: roots.env })).exitCode).toBe(0);
    const result = await runDokku(["apps:clone", "--skip-deploy", "code-app", "code-copy"], { env: roots.env });
    expect(result).toEqual({
      stdout: "-----> Cloning code-app to code-copy\n-----> Creating code-copy...\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await git(`--git-dir=${join(roots.env.DOKKU_ROOT as string, "code-copy")}`, "rev-parse", "main")).toBe(rev);
  });

  test("fails when the code cannot be copied, after saying why", async () => {
    using roots = tempRoots();
    expect((await runDokku(["apps:create", "broken-app"], { env: roots.env })).exitCode).toBe(0);
    const repo = join(roots.env.DOKKU_ROOT as string, "broken-app");
    await commitInto(repo);
    rmSync(join(repo, "objects"), { recursive: true });
    mkdirSync(join(repo, "objects"));
    const result = await runDokku(["apps:clone", "--skip-deploy", "broken-app", "broken-copy"], { env: roots.env });
    expect(result.stderr).toContain(" !     git failed on post-app-clone: copying the git repo of broken-app failed:");
    expect(result.stderr.endsWith(" !     git failed on post-app-clone\n")).toBe(true);
    expect(result.exitCode).toBe(1);
  });

  test.skipIf(process.getuid?.() !== 0)("copies the refs of a repo the dokku user owns when root clones", async () => {
    using roots = tempRoots();
    for (const root of roots.stateRoots) chownSync(root, 65534, 65534);
    expect((await runDokku(["apps:create", "owned-app"], { env: roots.env })).exitCode).toBe(0);
    const repo = join(roots.env.DOKKU_ROOT as string, "owned-app");
    const rev = await commitInto(repo);
    await runProgram(["chown", "-R", "65534:65534", repo]);
    const result = await runDokku(["apps:clone", "--skip-deploy", "owned-app", "owned-copy"], { env: roots.env });
    expect(result).toEqual({
      stdout: "-----> Cloning owned-app to owned-copy\n-----> Creating owned-copy...\n",
      stderr: "",
      exitCode: 0,
    });
    const copy = join(roots.env.DOKKU_ROOT as string, "owned-copy");
    expect(await git(`--git-dir=${copy}`, "rev-parse", "main")).toBe(rev);
    expect(statSync(join(copy, "refs", "heads", "main")).uid).toBe(65534);
  });
});
