import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { gitWork, type GitWork } from "./fixtures/git-work";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy } from "../machine";

const HAVE_DOCKER = canDeploy;
const RUN = sshdAvailable() && HAVE_DOCKER;
if (!RUN) console.warn("skipping git push management tests: they need /usr/sbin/sshd and /var/run/docker.sock");

/** A web (busybox httpd) + worker (prints `tick` every second) app without app.json, so it can be scaled. */
const MANAGE_APP = join(import.meta.dir, "fixtures", "manage-app");
const TIMEOUT = 120_000;
const APP = `manage-${process.pid}`;
const CLONE = `manage-${process.pid}-clone`;
const RENAMED = `manage-${process.pid}-renamed`;
const SKIPPED = `manage-${process.pid}-skipped`;
const ALL_APPS = [APP, CLONE, RENAMED, SKIPPED, `${RENAMED}-2`];

/** `<name> <state>` of the app's long-running containers, through dockerode, found by label, sorted. */
async function containers(app: string): Promise<string[]> {
  const docker = await dockerClient();
  const infos = await docker.listContainers({
    all: true,
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=deploy"] },
  });
  return infos.map((info) => `${(info.Names[0] ?? "").replace(/^\//, "")} ${info.State}`).sort();
}

/** name -> id of the app's containers. */
async function containerIds(app: string): Promise<Record<string, string>> {
  const docker = await dockerClient();
  const infos = await docker.listContainers({
    all: true,
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=deploy"] },
  });
  return Object.fromEntries(infos.map((info) => [(info.Names[0] ?? "").replace(/^\//, ""), info.Id]));
}

/** Repo tags of the images named `dokku/<app>`. */
async function imageTags(app: string): Promise<string[]> {
  const docker = await dockerClient();
  const images = await docker.listImages({ filters: { reference: [`dokku/${app}`] } });
  return images.flatMap((image) => image.RepoTags ?? []).sort();
}

/** What the app's web.1 serves, fetched from inside the container (the test has no route to it). */
async function served(app: string): Promise<string> {
  const result = await runProgram([
    "docker",
    "exec",
    `${app}.web.1`,
    "wget",
    "-q",
    "-O",
    "-",
    "http://127.0.0.1:5000/",
  ]);
  if (result.exitCode !== 0) throw new Error(`fetching from ${app}.web.1 failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe.skipIf(!RUN)("managing a pushed app over ssh", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-manage-keys-");
  let sshd: Sshd;
  let work: GitWork;
  let identity: string;

  const push = (...refspecs: string[]): Promise<RunResult> =>
    work.git("push", `${sshd.user}@${sshd.host}:${APP}`, ...refspecs);
  /** A command as the pusher sends it: one string in SSH_ORIGINAL_COMMAND. */
  const ssh = (command: string): Promise<RunResult> => sshd.ssh(identity, command);
  const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
  const repoDir = (app: string) => join(roots.env.DOKKU_ROOT as string, app);
  const envOf = async (app: string): Promise<string[]> => {
    const result = await ssh(`run ${app} env`);
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
    return result.stdout.split("\n").filter((line) => line !== "");
  };

  beforeAll(async () => {
    identity = await generateKey(keys.path, "alice");
    expect(await dokku("ssh-keys:add", "alice", `${identity}.pub`)).toMatchObject({ stderr: "", exitCode: 0 });
    // a one second settle check keeps the file short (Dokku's default is 10)
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global"), { recursive: true });
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "default-wait"), "1");
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "wait-to-retire"), "0");
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: roots.env });
    work = await gitWork(MANAGE_APP, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
  }, TIMEOUT);

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    if (HAVE_DOCKER) for (const app of ALL_APPS) await removeAppLeftovers(await dockerClient(), app);
    work?.[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "a push runs web (PORT and DYNO set) and other types at 0, as Dokku; ps:scale worker=1 adds the worker",
    async () => {
      const pushed = await push("main");
      expect(pushed.stderr).toContain("remote: =====> Application deployed:");
      expect(pushed.exitCode).toBe(0);
      expect(await containers(APP)).toEqual([`${APP}.web.1 running`]);
      const inspect = await (await dockerClient()).getContainer(`${APP}.web.1`).inspect();
      expect(inspect.Config.Env).toEqual(expect.arrayContaining(["PORT=5000", "DYNO=web.1"]));
      expect(await served(APP)).toBe("first release");
      expect(await ssh(`ps:scale ${APP} worker=1`)).toMatchObject({ exitCode: 0 });
      expect(await containers(APP)).toEqual([`${APP}.web.1 running`, `${APP}.worker.1 running`]);
    },
    TIMEOUT,
  );

  test(
    "run shows the app's config with DYNO=run.<n> and no PORT, and passes the exit code through",
    async () => {
      const rev = (await work.git("rev-parse", "HEAD")).stdout.trim();
      const env = await envOf(APP);
      expect(env).toContain(`GIT_REV=${rev}`);
      expect(env.filter((line) => line.startsWith("DYNO="))).toEqual([expect.stringMatching(/^DYNO=run\.\d+$/)]);
      expect(env.filter((line) => line.startsWith("PORT="))).toEqual([]);
      expect(await ssh(`run ${APP} sh -c 'echo out; echo err >&2; exit 3'`)).toEqual({
        stdout: "out\n",
        stderr: "err\n",
        exitCode: 3,
      });
      const docker = await dockerClient();
      expect(
        await docker.listContainers({
          all: true,
          filters: { label: [`com.dokku.app-name=${APP}`, "com.dokku.container-type=run"] },
        }),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "logs -n 5 -p worker shows the worker's last lines only",
    async () => {
      const logs = await ssh(`logs ${APP} -n 5 -p worker`);
      expect(logs).toMatchObject({ stderr: "", exitCode: 0 });
      const lines = logs.stdout.split("\n").filter((line) => line !== "");
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(5);
      for (const line of lines) expect(line).toMatch(/^\S+Z app\[worker\.1\]: tick$/);
    },
    TIMEOUT,
  );

  test(
    "ps:scale web=2 worker=0 runs two web containers and no worker, then web=1 one",
    async () => {
      const scaled = await ssh(`ps:scale ${APP} web=2 worker=0`);
      expect(scaled.stdout).toContain(`-----> Scaling ${APP} processes: web=2 worker=0`);
      expect(scaled.exitCode).toBe(0);
      expect(await containers(APP)).toEqual([`${APP}.web.1 running`, `${APP}.web.2 running`]);
      expect(await ssh(`ps:scale ${APP} web=1`)).toMatchObject({ exitCode: 0 });
      expect(await containers(APP)).toEqual([`${APP}.web.1 running`]);
      const shown = await ssh(`ps:scale ${APP}`);
      expect(shown.stdout).toMatch(/web:\s+1\n/);
      expect(shown.stdout).toMatch(/worker:\s+0\n/);
    },
    TIMEOUT,
  );

  test(
    "config:set restarts the app with the new value; --no-restart saves it and leaves the containers",
    async () => {
      const before = await containerIds(APP);
      const set = await ssh(`config:set ${APP} FOO=bar`);
      expect(set.stdout).toContain(`-----> Restarting app ${APP}`);
      expect(set.exitCode).toBe(0);
      const restarted = await containerIds(APP);
      expect(Object.keys(restarted)).toEqual([`${APP}.web.1`]);
      expect(restarted[`${APP}.web.1`]).not.toBe(before[`${APP}.web.1`]);
      expect(await envOf(APP)).toContain("FOO=bar");
      const inspect = await (await dockerClient()).getContainer(`${APP}.web.1`).inspect();
      expect(inspect.Config.Env).toContain("FOO=bar");

      const quiet = await ssh(`config:set --no-restart ${APP} BAZ=qux`);
      expect(quiet.stdout).not.toContain("Restarting");
      expect(quiet.exitCode).toBe(0);
      expect(await containerIds(APP)).toEqual(restarted);
      expect(await envOf(APP)).toContain("BAZ=qux");
    },
    TIMEOUT,
  );

  test(
    "ps:report shows the app running; ps:stop stops it, ps:start starts it again",
    async () => {
      expect(await ssh(`ps:report ${APP} --running`)).toEqual({ stdout: "true\n", stderr: "", exitCode: 0 });
      expect(await ssh(`ps:stop ${APP}`)).toMatchObject({ stdout: `-----> Stopping ${APP}\n`, exitCode: 0 });
      expect(await containers(APP)).toEqual([`${APP}.web.1 exited`]);
      expect(await ssh(`ps:report ${APP} --running`)).toEqual({ stdout: "false\n", stderr: "", exitCode: 0 });
      expect((await ssh(`ps:start ${APP}`)).exitCode).toBe(0);
      expect(await containers(APP)).toEqual([`${APP}.web.1 running`]);
      expect(await ssh(`ps:report ${APP} --running`)).toEqual({ stdout: "true\n", stderr: "", exitCode: 0 });
      expect(await served(APP)).toBe("first release");
    },
    TIMEOUT,
  );

  test(
    "rejects a push with a malformed Procfile, naming the line, and keeps the release running",
    async () => {
      const before = await containerIds(APP);
      const images = await imageTags(APP);
      const good = (await runProgram(["git", `--git-dir=${repoDir(APP)}`, "rev-parse", "main"])).stdout.trim();
      await work.commit("bad procfile", { Procfile: "web: httpd -f -p $PORT -h /www\nweb ok\n" });
      const pushed = await push("main");
      expect(pushed.stderr).toContain("remote:  !     Invalid Procfile: invalid line in procfile, line 2");
      expect(pushed.stderr).toContain("[remote rejected] main -> main (pre-receive hook declined)");
      expect(pushed.exitCode).not.toBe(0);
      expect((await runProgram(["git", `--git-dir=${repoDir(APP)}`, "rev-parse", "main"])).stdout.trim()).toBe(good);
      expect(await containerIds(APP)).toEqual(before);
      // the rejected release's image is not left behind
      expect(await imageTags(APP)).toEqual(images);
      expect(await served(APP)).toBe("first release");
      await work.git("reset", "--quiet", "--hard", "HEAD~1");
    },
    TIMEOUT,
  );

  test(
    "rejects a push with an invalid app.json, naming the field, and keeps the release running",
    async () => {
      const before = await containerIds(APP);
      const images = await imageTags(APP);
      for (const [appJson, error] of [
        ['{"formation": []}', "app.json: formation must be an object"],
        ['{"scripts": {"dokku": {"predeploy": 3}}}', "app.json: scripts.dokku.predeploy must be a string"],
      ] as const) {
        await work.commit("bad app.json", { "app.json": appJson });
        const pushed = await push("main");
        expect(pushed.stderr).toContain(`remote:  !     ${error}`);
        expect(pushed.stderr).toContain("[remote rejected] main -> main (pre-receive hook declined)");
        expect(pushed.exitCode).not.toBe(0);
        expect(await containerIds(APP)).toEqual(before);
        expect(await imageTags(APP)).toEqual(images);
        await work.git("reset", "--quiet", "--hard", "HEAD~1");
      }
      expect(await served(APP)).toBe("first release");
    },
    TIMEOUT,
  );

  test(
    "apps:clone builds and deploys the clone under its own name; the original keeps running",
    async () => {
      const before = await containerIds(APP);
      const cloned = await ssh(`apps:clone ${APP} ${CLONE}`);
      expect(cloned.stdout).toContain(`-----> Cloning ${APP} to ${CLONE}`);
      expect(cloned.stdout).toContain(`-----> Building ${CLONE} from Dockerfile`);
      expect(cloned.stdout).toContain("=====> Application deployed:");
      expect(cloned.exitCode).toBe(0);
      expect(await containers(CLONE)).toEqual([`${CLONE}.web.1 running`]);
      expect(await served(CLONE)).toBe("first release");
      expect((await imageTags(CLONE)).length).toBe(1);
      expect(await envOf(CLONE)).toEqual(expect.arrayContaining(["FOO=bar", "BAZ=qux"]));
      expect(await containerIds(APP)).toEqual(before);
    },
    TIMEOUT,
  );

  test(
    "apps:clone --skip-deploy copies the code and deploys nothing",
    async () => {
      const cloned = await ssh(`apps:clone --skip-deploy ${APP} ${SKIPPED}`);
      expect(cloned).toEqual({
        stdout: `-----> Cloning ${APP} to ${SKIPPED}\n-----> Creating ${SKIPPED}...\n`,
        stderr: "",
        exitCode: 0,
      });
      expect(await containers(SKIPPED)).toEqual([]);
      expect(await imageTags(SKIPPED)).toEqual([]);
      const rev = (await work.git("rev-parse", "HEAD")).stdout.trim();
      expect((await runProgram(["git", `--git-dir=${repoDir(SKIPPED)}`, "rev-parse", "main"])).stdout.trim()).toBe(rev);
      expect(await ssh(`ps:report ${SKIPPED} --deployed`)).toEqual({ stdout: "false\n", stderr: "", exitCode: 0 });
    },
    TIMEOUT,
  );

  test(
    "apps:rename keeps the app serving under the new name; --skip-deploy leaves it stopped until ps:start",
    async () => {
      const renamed = await ssh(`apps:rename ${CLONE} ${RENAMED}`);
      expect(renamed.stdout).toContain(`-----> Renaming ${CLONE} to ${RENAMED}`);
      expect(renamed.exitCode).toBe(0);
      expect(await containers(CLONE)).toEqual([]);
      expect(await containers(RENAMED)).toEqual([`${RENAMED}.web.1 running`]);
      expect(await served(RENAMED)).toBe("first release");
      // the release's image moved with the app: nothing stays under the old name
      expect(await imageTags(CLONE)).toEqual([]);
      expect(await imageTags(RENAMED)).toEqual([`dokku/${RENAMED}:v1`]);

      const skipped = await ssh(`apps:rename --skip-deploy ${RENAMED} ${RENAMED}-2`);
      expect(skipped).toMatchObject({ stderr: "", exitCode: 0 });
      // the stopped app has no upstream, so its proxy config goes (nginx is not running in this test)
      expect(skipped.stdout).toBe(
        `-----> Renaming ${RENAMED} to ${RENAMED}-2\n-----> Deleting nginx.conf\n       nginx is not running: the change applies when it starts\n`,
      );
      expect(await containers(RENAMED)).toEqual([]);
      expect(await containers(`${RENAMED}-2`)).toEqual([]);
      expect((await ssh(`ps:start ${RENAMED}-2`)).exitCode).toBe(0);
      expect(await containers(`${RENAMED}-2`)).toEqual([`${RENAMED}-2.web.1 running`]);
      expect(await served(`${RENAMED}-2`)).toBe("first release");
      expect((await ssh(`apps:destroy ${RENAMED}-2 --force`)).exitCode).toBe(0);
      expect(await imageTags(`${RENAMED}-2`)).toEqual([]);
      expect(await imageTags(RENAMED)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "apps:destroy --force removes the app's containers, images and repo",
    async () => {
      expect((await imageTags(APP)).length).toBeGreaterThan(0);
      const destroyed = await ssh(`apps:destroy ${APP} --force`);
      expect(destroyed.stdout).toContain(`-----> Destroying ${APP} (including all add-ons)`);
      expect(destroyed.exitCode).toBe(0);
      const docker = await dockerClient();
      expect(await docker.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${APP}`] } })).toEqual([]);
      expect(await imageTags(APP)).toEqual([]);
      expect(existsSync(repoDir(APP))).toBe(false);
      expect(await ssh(`apps:exists ${APP}`)).toMatchObject({ exitCode: 20 });
    },
    TIMEOUT,
  );
});
