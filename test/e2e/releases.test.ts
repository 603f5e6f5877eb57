import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { gitWork, type GitWork } from "./fixtures/git-work";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy } from "../machine";

const HAVE_DOCKER = canDeploy;
const RUN = sshdAvailable() && HAVE_DOCKER;
if (!RUN) console.warn("skipping release e2e tests: they need /usr/sbin/sshd and /var/run/docker.sock");

/** web (busybox httpd serving www/) + worker, without app.json. */
const MANAGE_APP = join(import.meta.dir, "fixtures", "manage-app");
const TIMEOUT = 120_000;
const APP = `releases-e2e-${process.pid}`;

/** The running web container of release `id`: what it serves and its MESSAGE. */
async function webOf(id: number): Promise<{ served: string; message: string | undefined }> {
  const docker = await dockerClient();
  const labels = [`com.dokku.app-name=${APP}`, "com.dokku.process-type=web", `com.dokku.release-id=${id}`];
  const [info] = await docker.listContainers({ filters: { label: labels } });
  if (!info) throw new Error(`no running web container of release ${id}`);
  const fetched = await runProgram(["docker", "exec", info.Id, "wget", "-q", "-O", "-", "http://127.0.0.1:5000/"]);
  const inspect = await docker.getContainer(info.Id).inspect();
  const message = (inspect.Config.Env ?? []).find((line) => line.startsWith("MESSAGE="))?.slice("MESSAGE=".length);
  return { served: fetched.stdout.trim(), message };
}

describe.skipIf(!RUN)("releases of a pushed app over ssh", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-releases-keys-");
  let sshd: Sshd;
  let work: GitWork;
  let identity: string;
  const push = (): Promise<RunResult> => work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
  const ssh = (command: string): Promise<RunResult> => sshd.ssh(identity, command);
  const lib = (...path: string[]) => join(roots.env.DOKKU_LIB_ROOT as string, ...path);

  beforeAll(async () => {
    identity = await generateKey(keys.path, "alice");
    expect(await runDokku(["ssh-keys:add", "alice", `${identity}.pub`], { env: roots.env })).toMatchObject({
      exitCode: 0,
    });
    mkdirSync(lib("config", "checks", "--global"), { recursive: true });
    writeFileSync(lib("config", "checks", "--global", "default-wait"), "1");
    writeFileSync(lib("config", "checks", "--global", "wait-to-retire"), "0");
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: roots.env });
    work = await gitWork(MANAGE_APP, { GIT_SSH_COMMAND: sshd.gitSshCommand(identity), SSH_AUTH_SOCK: undefined });
    expect(await ssh(`apps:create ${APP}`)).toMatchObject({ exitCode: 0 });
  }, TIMEOUT);

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    if (HAVE_DOCKER) await removeAppLeftovers(await dockerClient(), APP);
    work?.[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "two pushes are v1 and v2 by the pusher; a rollback serves v1's code with v1's config as v3",
    async () => {
      const first = (await work.git("rev-parse", "HEAD")).stdout.trim();
      expect((await ssh(`config:set --no-restart ${APP} MESSAGE=one`)).exitCode).toBe(0);
      expect((await push()).exitCode).toBe(0);
      const second = await work.commit("second", { "www/index.html": "second release\n" });
      expect((await ssh(`config:set --no-restart ${APP} MESSAGE=two`)).exitCode).toBe(0);
      expect((await push()).exitCode).toBe(0);
      expect(await webOf(2)).toEqual({ served: "second release", message: "two" });

      const rollback = await ssh(`releases:rollback ${APP}`);
      expect({ stderr: rollback.stderr, exitCode: rollback.exitCode }).toEqual({ stderr: "", exitCode: 0 });
      expect(await webOf(3)).toEqual({ served: "first release", message: "one" });
      const listed = JSON.parse((await ssh(`releases ${APP} --format json`)).stdout) as {
        version: string;
        description: string;
        user: string;
        status: string;
        git_rev: string;
      }[];
      expect(
        listed.map(({ version, description, user, status, git_rev }) => ({
          version,
          description,
          user,
          status,
          git_rev,
        })),
      ).toEqual([
        { version: "v3", description: "Rollback to v1", user: "alice", status: "current", git_rev: first },
        {
          version: "v2",
          description: `git push ${second.slice(0, 7)}`,
          user: "alice",
          status: "deployed",
          git_rev: second,
        },
        {
          version: "v1",
          description: `git push ${first.slice(0, 7)}`,
          user: "alice",
          status: "deployed",
          git_rev: first,
        },
      ]);
      expect((await ssh(`config:get ${APP} MESSAGE`)).stdout).toBe("one\n");
    },
    TIMEOUT,
  );
});
