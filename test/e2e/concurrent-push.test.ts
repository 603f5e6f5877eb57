import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { BUSYBOX_APP, gitWork, type GitWork } from "./fixtures/git-work";
import { freeLoopbackPort, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy, machine } from "../machine";

const RUN = sshdAvailable() && nginxAvailable() && canDeploy;
if (!RUN)
  console.warn("skipping concurrent push tests: they need /usr/sbin/sshd, /usr/sbin/nginx and /var/run/docker.sock");

const TIMEOUT = 240_000;
const APP = `concurrent-${process.pid}`;
const HOST = `${APP}.push.test`;

/**
 * Two pushes of diverging commits to one app at the same moment, over a real sshd: one wins,
 * the other is refused before anything changes, and the branch, the current release and the
 * page nginx serves all name the winner.
 */
describe.skipIf(!RUN)("concurrent pushes to one app", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-concurrent-keys-");
  const port = freeLoopbackPort();
  const lib = roots.env.DOKKU_LIB_ROOT as string;
  let nginx: TestNginx;
  let sshd: Sshd;
  let identity: string;
  const works: GitWork[] = [];

  const dokku = (...args: string[]) => runDokku(args, { env: { ...roots.env, ...nginx.env } });
  const push = (work: GitWork): Promise<RunResult> => work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
  const branch = async () =>
    (
      await runProgram([
        "git",
        `--git-dir=${join(roots.env.DOKKU_ROOT as string, APP)}`,
        "rev-parse",
        "--verify",
        "--quiet",
        "refs/heads/main",
      ])
    ).stdout.trim();
  const currentRev = () => {
    const dir = join(lib, "data/releases", APP);
    const id = readFileSync(join(dir, "current"), "utf8").trim();
    return (JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as { gitRev?: string }).gitRev;
  };

  /** A work tree holding what `from` holds, to diverge from it. */
  async function cloneOf(from: GitWork): Promise<GitWork> {
    const work = await gitWork(BUSYBOX_APP, {
      GIT_SSH_COMMAND: sshd.gitSshCommand(identity),
      SSH_AUTH_SOCK: undefined,
    });
    works.push(work);
    expect((await work.git("fetch", "--quiet", from.path, "main")).exitCode).toBe(0);
    expect((await work.git("reset", "--quiet", "--hard", "FETCH_HEAD")).exitCode).toBe(0);
    return work;
  }

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    identity = await generateKey(keys.path, "alice");
    expect(await dokku("ssh-keys:add", "alice", `${identity}.pub`)).toMatchObject({ exitCode: 0 });
    mkdirSync(join(lib, "config", "checks", "--global"), { recursive: true });
    // two seconds of checks: the second push arrives while the first one deploys
    writeFileSync(join(lib, "config", "checks", "--global", "default-wait"), "2");
    writeFileSync(join(lib, "config", "checks", "--global", "wait-to-retire"), "0");
    expect(await dokku("apps:create", APP)).toMatchObject({ exitCode: 0 });
    expect(await dokku("domains:set", APP, HOST)).toMatchObject({ exitCode: 0 });
    expect(await dokku("proxy:set", "--global", "proxy-port", String(port))).toMatchObject({ exitCode: 0 });
    expect(await dokku("nginx:set", "--global", "bind-address-ipv4", "127.0.0.1")).toMatchObject({ exitCode: 0 });
    expect(await dokku("nginx:set", "--global", "bind-address-ipv6", "::1")).toMatchObject({ exitCode: 0 });
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: { ...roots.env, ...nginx.env } });
  }, TIMEOUT);

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    await nginx?.[Symbol.asyncDispose]();
    if (machine.docker) await removeAppLeftovers(await dockerClient(), APP);
    for (const work of works) work[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  }, TIMEOUT);

  test(
    "one of two diverging pushes wins; the other waits, is refused by git, and changes nothing",
    async () => {
      const first = await gitWork(BUSYBOX_APP, {
        GIT_SSH_COMMAND: sshd.gitSshCommand(identity),
        SSH_AUTH_SOCK: undefined,
      });
      works.push(first);
      expect((await push(first)).exitCode).toBe(0);
      for (let round = 1; round <= 2; round++) {
        const a = await cloneOf(first);
        const b = await cloneOf(first);
        const revs = {
          a: await a.commit(`a${round}`, { "www/index.html": `push a${round}\n` }),
          b: await b.commit(`b${round}`, { "www/index.html": `push b${round}\n` }),
        };
        const [pushedA, pushedB] = await Promise.all([push(a), push(b)]);
        const winner = pushedA.exitCode === 0 ? "a" : "b";
        const loser = winner === "a" ? pushedB : pushedA;
        expect({
          exitCodes: [pushedA.exitCode, pushedB.exitCode].sort(),
          loserWaited: loser.stderr.includes(`${APP} is receiving another push. Waiting...`),
          loserRefused: /\[rejected\]|fetch first|non-fast-forward/.test(loser.stderr),
          loserDeployed: loser.stderr.includes("-----> Deploying"),
          branch: await branch(),
          release: currentRev(),
          served: await nginx.get(port, HOST),
        }).toEqual({
          exitCodes: [0, 1],
          loserWaited: true,
          loserRefused: true,
          loserDeployed: false,
          branch: revs[winner],
          release: revs[winner],
          served: { status: 200, body: `push ${winner}${round}\n` },
        });
        // the next round diverges from the winner
        expect((await first.git("fetch", "--quiet", (winner === "a" ? a : b).path, "main")).exitCode).toBe(0);
        expect((await first.git("reset", "--quiet", "--hard", "FETCH_HEAD")).exitCode).toBe(0);
      }
    },
    TIMEOUT,
  );
});
