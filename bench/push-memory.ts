/**
 * Peak memory of a push: `git push` over a real sshd into the dokku binary (forced command ->
 * git receive-pack -> pre-receive hook -> `dokku git-hook` -> tree extraction -> Dockerfile
 * build through the Docker API -> deploy), while /proc is sampled every few ms for the
 * processes sshd started (bench/lib/proc-rss.ts). Prints, per push, the peak RSS of every dokku
 * process (the binary's executable), the peak of their concurrent sum, and git's own processes
 * beside them; ratios against the target (150 MiB), against the same figures for a tiny push
 * (the floor: what the binary costs whatever the push), and against git's largest process.
 * It never asserts, and exits non-zero only when it cannot set up or a push fails.
 *
 *   node_modules/.bin/bun bench/push-memory.ts [--big-mib 200] [--big-files 4] [--files 20000] [--file-bytes 1024] [--interval 10] [--trace] [--bin PATH]
 *
 * Needs /usr/sbin/sshd, git, Docker and the local `dokku-test/busybox:latest` image
 * (bun test/base-image.ts; it never pulls). Without --bin (or DOKKU_BIN) it compiles
 * src/main.ts into its temp dir. Temp roots, its own sshd on a free loopback port; every app's
 * containers and images and the temp dir are removed at the end, also on SIGINT/SIGTERM.
 */
import { mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { authorizedKeysOf } from "../test/plugins/ssh-keys/fixtures";
import { generateKey, SSHD_PATH, sshdAvailable, startSshd, type Sshd } from "../test/e2e/sshd";
import { must, removeDockerState, run, stopRunning } from "./lib/bench-app";
import { childrenOf, startRssSampler, type RssReport } from "./lib/proc-rss";
import { writeAppFiles, writeBigFiles, writeManyFiles } from "./lib/push-trees";

const REPO_ROOT = resolve(import.meta.dir, "..");
const BASE_IMAGE = "dokku-test/busybox:latest";
const MIB = 1024 * 1024;
const TARGET_BYTES = 150 * MIB;
const AUTHOR = {
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
};

const { values: options } = parseArgs({
  options: {
    "big-mib": { type: "string", default: "200" },
    "big-files": { type: "string", default: "4" },
    files: { type: "string", default: "20000" },
    "file-bytes": { type: "string", default: "1024" },
    interval: { type: "string", default: "10" },
    trace: { type: "boolean", default: false },
    bin: { type: "string" },
  },
});
const bigMib = positiveInt(options["big-mib"], "--big-mib", 4096);
const bigFiles = positiveInt(options["big-files"], "--big-files", 64);
const files = positiveInt(options.files, "--files", 200_000);
const fileBytes = positiveInt(options["file-bytes"], "--file-bytes", 1 * MIB);
const intervalMs = positiveInt(options.interval, "--interval", 1000);

function positiveInt(value: string | undefined, flag: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
    throw new Error(`${flag} must be an integer from 1 to ${max}, got ${value}`);
  return parsed;
}

interface Case {
  readonly name: string;
  readonly app: string;
  readonly write: (dir: string) => void;
}

interface Pushed {
  readonly name: string;
  readonly seconds: number;
  readonly report: RssReport;
  readonly lines: readonly { at: number; text: string }[];
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const ratio = (of: number, to: number) => (to > 0 ? `${(of / to).toFixed(2)}x` : "-");

/** `git push` of the work tree's main branch; the remote's lines timestamped on the sampler's clock. */
async function push(
  work: string,
  remote: string,
  env: Record<string, string>,
  sampled: () => number,
): Promise<{ exitCode: number; lines: { at: number; text: string }[] }> {
  const child = Bun.spawn(["git", "-C", work, "push", remote, "main"], {
    env,
    stdin: "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  const lines: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of child.stderr) {
    pending += decoder.decode(chunk, { stream: true });
    const parts = pending.split(/[\n\r]/);
    pending = parts.pop() ?? "";
    for (const text of parts) if (text.trim() !== "") lines.push({ at: sampled(), text });
  }
  if (pending.trim() !== "") lines.push({ at: sampled(), text: pending });
  return { exitCode: await child.exited, lines };
}

async function pushCase(sshd: Sshd, identity: string, bin: string, temp: string, item: Case): Promise<Pushed> {
  const work = join(temp, `work-${item.name}`);
  mkdirSync(work);
  writeAppFiles(work, BASE_IMAGE);
  item.write(work);
  const gitEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...AUTHOR,
    GIT_SSH_COMMAND: sshd.gitSshCommand(identity),
  };
  delete gitEnv.SSH_AUTH_SOCK;
  const git = (...args: string[]) => must(["git", "-C", work, ...args], gitEnv);
  await git("init", "--quiet", "--initial-branch", "main");
  await git("add", "--all");
  await git("commit", "--quiet", "-m", item.name);
  const sshdPid = childrenOf(process.pid).find((pid) => readlinkSync(`/proc/${pid}/exe`) === SSHD_PATH);
  if (sshdPid === undefined) throw new Error("cannot find the bench's sshd among its children");
  const sampler = startRssSampler(sshdPid, bin, intervalMs);
  const started = performance.now();
  const pushed = await push(work, `${sshd.user}@${sshd.host}:${item.app}`, gitEnv, () => performance.now() - started);
  const seconds = (performance.now() - started) / 1000;
  const report = sampler.stop();
  rmSync(work, { recursive: true, force: true });
  if (pushed.exitCode !== 0)
    throw new Error(
      `push of ${item.name} failed (exit ${pushed.exitCode}):\n${pushed.lines.map((line) => line.text).join("\n")}`,
    );
  return { name: item.name, seconds, report, lines: pushed.lines };
}

function printTable(rows: string[][]): void {
  const widths = (rows[0] as string[]).map((_, column) =>
    Math.max(...rows.map((cells) => (cells[column] ?? "").length)),
  );
  for (const cells of rows)
    console.log(
      cells
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    );
}

function printPush(pushed: Pushed, floor: Pushed | undefined): void {
  const { report } = pushed;
  const ours = report.processes.filter((proc) => proc.ours).sort((a, b) => b.peakBytes - a.peakBytes);
  const others = report.processes.filter((proc) => !proc.ours).sort((a, b) => b.peakBytes - a.peakBytes);
  const gitPeak = others.find((proc) => /^git/.test(proc.label))?.peakBytes ?? 0;
  const oursPeak = ours[0]?.peakBytes ?? 0;
  console.log(`== ${pushed.name}: ${pushed.seconds.toFixed(1)} s, ${report.samples.length} samples`);
  const rows = [["process", "pid", "parent", "kind", "peak RSS (VmHWM)"]];
  for (const proc of ours) rows.push([proc.label, String(proc.pid), String(proc.ppid), "dokku", mib(proc.peakBytes)]);
  for (const proc of others.slice(0, 6))
    rows.push([proc.label, String(proc.pid), String(proc.ppid), "other", mib(proc.peakBytes)]);
  printTable(rows);
  const floorSum = floor?.report.maxOursSumBytes;
  console.log(
    `dokku processes, largest: ${mib(oursPeak)} = ${ratio(oursPeak, TARGET_BYTES)} the 150 MiB target${
      floor
        ? `, ${ratio(
            oursPeak,
            floor.report.processes.filter((proc) => proc.ours).reduce((max, proc) => Math.max(max, proc.peakBytes), 0),
          )} the tiny push's`
        : ""
    }, ${ratio(oursPeak, gitPeak)} git's largest (${mib(gitPeak)})`,
  );
  console.log(
    `dokku processes, concurrent sum: ${mib(report.maxOursSumBytes)} = ${ratio(report.maxOursSumBytes, TARGET_BYTES)} the target (${report.maxOursSumBytes < TARGET_BYTES ? "PASS" : "FAIL"})${floorSum ? `, ${ratio(report.maxOursSumBytes, floorSum)} the tiny push's` : ""}`,
  );
  if (options.trace) {
    console.log("trace (ms, dokku sum, others' sum, remote line):");
    let next = 0;
    for (const sample of report.samples) {
      while (next < pushed.lines.length && (pushed.lines[next]?.at ?? 0) <= sample.at) {
        console.log(
          `  ${sample.at.toFixed(0).padStart(7)}  ${mib(sample.oursBytes).padStart(10)}  ${mib(sample.othersBytes).padStart(10)}  ${pushed.lines[next]?.text}`,
        );
        next++;
      }
    }
    const everyN = Math.max(1, Math.floor(report.samples.length / 40));
    console.log("samples (every ~2.5% of the push):");
    for (const [index, sample] of report.samples.entries())
      if (index % everyN === 0)
        console.log(
          `  ${sample.at.toFixed(0).padStart(7)}  ${mib(sample.oursBytes).padStart(10)}  ${mib(sample.othersBytes).padStart(10)}`,
        );
  }
  console.log("");
}

async function main(): Promise<void> {
  if (!sshdAvailable()) throw new Error(`bench/push-memory.ts needs ${SSHD_PATH}`);
  if ((await run(["docker", "image", "inspect", BASE_IMAGE])).exitCode !== 0)
    throw new Error(`bench/push-memory.ts needs Docker and the local ${BASE_IMAGE} image (bun test/base-image.ts)`);
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-push-"));
  const suffix = String(process.pid);
  const cases: Case[] = [
    { name: "tiny push (floor)", app: `pushmem-tiny-${suffix}`, write: () => {} },
    {
      name: `${bigMib} MiB push (${bigFiles} random files)`,
      app: `pushmem-big-${suffix}`,
      write: (dir) => writeBigFiles(dir, bigFiles, Math.ceil(bigMib / bigFiles)),
    },
    {
      name: `${files}-file push (${fileBytes} bytes each)`,
      app: `pushmem-many-${suffix}`,
      write: (dir) => writeManyFiles(dir, files, fileBytes),
    },
  ];
  let sshd: Sshd | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopRunning();
    await sshd?.[Symbol.asyncDispose]();
    for (const item of cases) await removeDockerState({ app: item.app, image: `dokku/${item.app}`, page: "" });
    rmSync(temp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void cleanup().finally(() => process.exit(130)));
  try {
    const roots = {
      DOKKU_ROOT: join(temp, "home"),
      DOKKU_LIB_ROOT: join(temp, "lib"),
      DOKKU_LOGS_DIR: join(temp, "logs"),
    };
    for (const path of Object.values(roots)) mkdirSync(path, { recursive: true });
    const given = options.bin ?? process.env.DOKKU_BIN;
    const bin = given === undefined ? join(temp, "dokku") : realpathSync(given);
    if (given === undefined)
      await must([
        process.execPath,
        "build",
        "--compile",
        "--minify",
        "--bytecode",
        join(REPO_ROOT, "src/main.ts"),
        "--outfile",
        bin,
      ]);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...roots,
      DOKKU_NGINX_CONF: join(temp, "nginx.conf"),
      DOKKU_NGINX_LOG_ROOT: join(temp, "nginx-logs"),
      DOKKU_CRONTAB_FILE: join(temp, "crontab"),
    };
    delete env.SSH_ORIGINAL_COMMAND;
    delete env.NAME;
    const setup = (...args: string[]) => must([bin, ...args], env);
    const identity = await generateKey(temp, "bench");
    await setup("ssh-keys:add", "bench", `${identity}.pub`);
    await setup("checks:set", "--global", "default-wait", "0");
    await setup("checks:set", "--global", "wait-to-retire", "0");
    sshd = await startSshd({
      authorizedKeysFile: authorizedKeysOf(roots),
      env: {
        ...roots,
        DOKKU_NGINX_CONF: env.DOKKU_NGINX_CONF as string,
        DOKKU_NGINX_LOG_ROOT: env.DOKKU_NGINX_LOG_ROOT as string,
        DOKKU_CRONTAB_FILE: env.DOKKU_CRONTAB_FILE as string,
      },
    });
    console.log(
      `binary: ${bin}; sampling /proc every ${intervalMs} ms for the processes sshd starts; dokku = processes whose executable is the binary`,
    );
    console.log(
      `git ${(await must(["git", "--version"])).replace("git version ", "")}, docker ${await must(["docker", "version", "-f", "{{.Server.Version}}"])}; target: every dokku process and their concurrent sum under 150 MiB`,
    );
    console.log("");
    let floor: Pushed | undefined;
    for (const item of cases) {
      const pushed = await pushCase(sshd, identity, bin, temp, item);
      floor ??= pushed;
      printPush(pushed, pushed === floor ? undefined : floor);
    }
  } finally {
    await cleanup();
  }
}

await main();
