import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { BUSYBOX_APP, gitWork, type GitWork } from "./fixtures/git-work";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy, machine } from "../machine";

const HAVE_DOCKER = canDeploy;
const RUN = sshdAvailable() && HAVE_DOCKER;
if (!RUN) console.warn("skipping git push tests: they need /usr/sbin/sshd and /var/run/docker.sock");

const TIMEOUT = 240_000;
const APP = `gitpush-${process.pid}`;

/** Docker, through the CLI: tests only look (and clean up). */
async function docker(...args: string[]): Promise<string> {
  const result = await runProgram(["docker", ...args]);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** `name id` of every running container of the app, sorted by name. */
async function runningContainers(): Promise<string[]> {
  const out = await docker("ps", "--filter", `label=com.dokku.app-name=${APP}`, "--format", "{{.Names}} {{.ID}}");
  return out
    .split("\n")
    .filter((line) => line !== "")
    .sort();
}

async function served(): Promise<string> {
  return await docker("exec", `${APP}.web.1`, "wget", "-q", "-O", "-", "http://127.0.0.1:5000/");
}

describe.skipIf(!RUN)("git push over ssh", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-git-keys-");
  let sshd: Sshd;
  let work: GitWork;
  let identity: string;

  const push = (...refspecs: string[]): Promise<RunResult> =>
    work.git("push", `${sshd.user}@${sshd.host}:${APP}`, ...refspecs);
  const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
  const remoteRev = async (branch: string) =>
    (
      await runProgram([
        "git",
        `--git-dir=${join(roots.env.DOKKU_ROOT as string, APP)}`,
        "rev-parse",
        "--verify",
        "--quiet",
        branch,
      ])
    ).stdout.trim();

  beforeAll(async () => {
    identity = await generateKey(keys.path, "alice");
    const added = await dokku("ssh-keys:add", "alice", `${identity}.pub`);
    expect(added).toMatchObject({ stderr: "", exitCode: 0 });
    // a one second settle check keeps the test short (Dokku's default is 10)
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global"), { recursive: true });
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "default-wait"), "1");
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "wait-to-retire"), "0");
    // regression: with a global domain, creating the app on first push prints a line of its
    // own; on stdout it broke git's protocol stream ("bad line length character")
    writeFileSync(join(roots.env.DOKKU_ROOT as string, "VHOST"), "dokku.test\n");
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: roots.env });
    work = await gitWork(BUSYBOX_APP, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
  });

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    if (machine.docker) await removeAppLeftovers(await dockerClient(), APP);
    work?.[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "creates the app on first push, deploys it with Dokku-style output and runs web and worker",
    async () => {
      const rev = (await work.git("rev-parse", "HEAD")).stdout.trim();
      const pushed = await push("main");
      expect(pushed.stderr).toContain("remote: -----> Set main as deploy-branch");
      expect(pushed.stderr).toContain(`remote: -----> Building ${APP} from Dockerfile`);
      expect(pushed.stderr).toContain(`remote: -----> Deploying ${APP} via the docker-local scheduler...`);
      expect(pushed.stderr).toContain("remote: =====> Application deployed:");
      expect(pushed.stderr).toContain(" * [new branch]      main -> main");
      expect(pushed.exitCode).toBe(0);
      expect((await runningContainers()).map((line) => line.split(" ")[0])).toEqual([
        `${APP}.web.1`,
        `${APP}.worker.1`,
      ]);
      expect(await served()).toBe("first release");
      expect(await dokku("config:get", APP, "GIT_REV")).toEqual({ stdout: `${rev}\n`, stderr: "", exitCode: 0 });
      expect(await dokku("git:report", APP, "--git-deploy-branch")).toEqual({
        stdout: "main\n",
        stderr: "",
        exitCode: 0,
      });
      expect(await remoteRev("main")).toBe(rev);
    },
    TIMEOUT,
  );

  test(
    "accepts a push to another branch with a warning and deploys nothing",
    async () => {
      const before = await runningContainers();
      const rev = await work.commit("a feature", { "www/index.html": "feature" });
      const pushed = await push("main:feature");
      expect(pushed.stderr).toContain("remote: -----> WARNING: deploy did not complete, you must push to main.");
      expect(pushed.stderr).toContain("remote: -----> for example, try 'git push <dokku> feature:main'");
      expect(pushed.stderr).not.toContain("Building");
      expect(pushed.exitCode).toBe(0);
      expect(await remoteRev("feature")).toBe(rev);
      expect(await runningContainers()).toEqual(before);
      expect(await served()).toBe("first release");
      await work.git("reset", "--quiet", "--hard", "HEAD~1");
    },
    TIMEOUT,
  );

  test(
    "rejects a push whose Dockerfile does not build and keeps the old release running",
    async () => {
      const before = await runningContainers();
      const good = await remoteRev("main");
      await work.commit("broken", { Dockerfile: "FROM dokku-test/busybox:latest\nRUN exit 3\n" });
      const pushed = await push("main");
      expect(pushed.stderr).toContain("remote:  !     App build failed");
      expect(pushed.stderr).toContain("[remote rejected] main -> main (pre-receive hook declined)");
      expect(pushed.exitCode).not.toBe(0);
      expect(await remoteRev("main")).toBe(good);
      expect(await runningContainers()).toEqual(before);
      expect(await served()).toBe("first release");
      await work.git("reset", "--quiet", "--hard", "HEAD~1");
    },
    TIMEOUT,
  );

  test(
    "replaces the running containers with a second push",
    async () => {
      const before = await runningContainers();
      const rev = await work.commit("second release", { "www/index.html": "second release" });
      const pushed = await push("main");
      expect(pushed.stderr).toContain("remote: =====> Application deployed:");
      expect(pushed.exitCode).toBe(0);
      const after = await runningContainers();
      expect(after.map((line) => line.split(" ")[0])).toEqual([`${APP}.web.1`, `${APP}.worker.1`]);
      for (const line of after) expect(before).not.toContain(line);
      expect(await served()).toBe("second release");
      expect((await dokku("config:get", APP, "GIT_REV")).stdout).toBe(`${rev}\n`);
    },
    TIMEOUT,
  );
});
