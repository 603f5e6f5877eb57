import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { runDokku, runProgram, tempDir, tempRoots } from "../harness";
import { docker as dockerClient, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { BUSYBOX_APP, gitWork, type GitWork } from "./fixtures/git-work";
import { generateKey, sshdAvailable, startSshd, type Sshd } from "./sshd";
import { canDeploy, machine } from "../machine";

const RUN = sshdAvailable() && canDeploy;
if (!RUN) console.warn("skipping the big push test: it needs /usr/sbin/sshd and /var/run/docker.sock");

const TIMEOUT = 300_000;
const APP = `bigpush-${process.pid}`;
const MIB = 1024 * 1024;
const BIG_MIB = 101;
const SMALL_FILES = 2000;
const LONG_PATH = `deep/${"d".repeat(110)}/${"f".repeat(120)}.txt`;
// the client stores and packs without zlib: random bytes do not shrink, and the test stays quick
const CLIENT_GIT_CONFIG = {
  GIT_CONFIG_COUNT: "3",
  GIT_CONFIG_KEY_0: "core.compression",
  GIT_CONFIG_VALUE_0: "0",
  GIT_CONFIG_KEY_1: "pack.compression",
  GIT_CONFIG_VALUE_1: "0",
  GIT_CONFIG_KEY_2: "core.bigFileThreshold",
  GIT_CONFIG_VALUE_2: "1m",
};

function write(root: string, path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** The big file, 1 MiB of random bytes at a time. */
function writeBig(root: string, path: string, mib: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  const fd = openSync(join(root, path), "w");
  try {
    for (let written = 0; written < mib; written++) writeSync(fd, randomBytes(MIB));
  } finally {
    closeSync(fd);
  }
}

/**
 * What the image must hold, in the shape of busybox's output in the container: `x|- size path`
 * per file (owner's execute bit), `sha256  path` per file, `'link' -> 'target'` per symlink.
 */
function manifest(root: string): { stats: string[]; sums: string[]; links: string[] } {
  const out = { stats: [] as string[], sums: [] as string[], links: [] as string[] };
  const walk = (relative: string) => {
    for (const name of readdirSync(join(root, relative))) {
      if (relative === "" && name === ".git") continue;
      const path = relative === "" ? `./${name}` : `${relative}/${name}`;
      const full = join(root, path);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(path);
      else if (stat.isSymbolicLink()) out.links.push(`'${path}' -> '${readlinkSync(full)}'`);
      else {
        out.stats.push(`${stat.mode & 0o100 ? "x" : "-"} ${stat.size} ${path}`);
        out.sums.push(`${createHash("sha256").update(readFileSync(full)).digest("hex")}  ${path}`);
      }
    }
  };
  walk("");
  return { stats: out.stats.sort(), sums: out.sums.sort(), links: out.links.sort() };
}

async function inContainer(script: string): Promise<string[]> {
  const result = await runProgram(["docker", "exec", `${APP}.web.1`, "sh", "-c", `cd /app && ${script}`]);
  if (result.exitCode !== 0) throw new Error(`docker exec failed: ${result.stderr}`);
  return result.stdout
    .split("\n")
    .filter((line) => line !== "")
    .sort();
}

describe.skipIf(!RUN)("a big push (issue 12)", () => {
  const roots = tempRoots();
  const keys = tempDir("dokku-bigpush-keys-");
  let sshd: Sshd;
  let work: GitWork;

  beforeAll(async () => {
    const identity = await generateKey(keys.path, "alice");
    const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
    expect(await dokku("ssh-keys:add", "alice", `${identity}.pub`)).toMatchObject({ exitCode: 0 });
    expect(await dokku("checks:set", "--global", "default-wait", "0")).toMatchObject({ exitCode: 0 });
    expect(await dokku("checks:set", "--global", "wait-to-retire", "0")).toMatchObject({ exitCode: 0 });
    sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: roots.env });
    work = await gitWork(BUSYBOX_APP, {
      GIT_SSH_COMMAND: sshd.gitSshCommand(identity),
      SSH_AUTH_SOCK: undefined,
      ...CLIENT_GIT_CONFIG,
    });
  });

  afterAll(async () => {
    await sshd?.[Symbol.asyncDispose]();
    if (machine.docker) await removeAppLeftovers(await dockerClient(), APP);
    work?.[Symbol.dispose]();
    keys[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    `builds a ${BIG_MIB} MiB file and ${SMALL_FILES} small ones into the image byte for byte, with modes, symlinks and long names`,
    async () => {
      writeBig(work.path, "big/blob.bin", BIG_MIB);
      for (let index = 0; index < SMALL_FILES; index++)
        write(
          work.path,
          `many/${Math.floor(index / 50)}/${index}.txt`,
          `file ${index} ${randomBytes(16).toString("hex")}\n`,
        );
      write(work.path, "bin/run.sh", "#!/bin/sh\necho run\n");
      chmodSync(join(work.path, "bin/run.sh"), 0o755);
      write(work.path, LONG_PATH, "a long name\n");
      write(work.path, "ünï/naïve café.txt", "non-ASCII name\n");
      symlinkSync("bin/run.sh", join(work.path, "run"));
      symlinkSync(LONG_PATH, join(work.path, "long-link"));
      await work.commit("big and many");

      const pushed = await work.git("push", `${sshd.user}@${sshd.host}:${APP}`, "main");
      expect(pushed.stderr).toContain("remote: =====> Application deployed:");
      expect(pushed.exitCode).toBe(0);

      const expected = manifest(work.path);
      expect(expected.stats).toContain(`- ${BIG_MIB * MIB} ./big/blob.bin`);
      expect(expected.stats).toContain("x 19 ./bin/run.sh");
      const found = {
        stats: await inContainer(
          "find . -type f -print0 | xargs -0 stat -c '%A %s %n' | sed 's/^...\\(.\\)[^ ]*/\\1/; s/^[^x]/-/'",
        ),
        sums: await inContainer("find . -type f -print0 | xargs -0 sha256sum"),
        links: await inContainer("find . -type l -print0 | xargs -0 stat -c '%N'"),
      };
      expect(found).toEqual(expected);
    },
    TIMEOUT,
  );
});
