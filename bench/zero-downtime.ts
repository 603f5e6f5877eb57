/**
 * Zero-downtime redeploys under load: constant closed-loop HTTP load on an app through nginx
 * while the product binary redeploys it (`ps:rebuild`) N times in sequence, beside the same load
 * with no deploys in the same run, once with keep-alive client connections and once with a new
 * connection per request; as a control, the keep-alive load while `nginx:reload` alone runs N
 * times (no deploy). And nginx's throughput on the app beside the container reached directly
 * (its address on the Docker bridge) and beside a reference nginx (the same binary with a
 * minimal proxy_pass server), same client, same duration, in alternating turns. Prints figures;
 * it never asserts, and exits non-zero only when it cannot set up.
 *
 *   node_modules/.bin/bun bench/zero-downtime.ts [--deploys 10] [--seconds 12] [--connections 8] [--rounds 6] [--client wrk|bun] [--bin PATH]
 *
 * Load: wrk when installed, else a Bun client that never retries (bench/lib/load.ts). Needs
 * Docker, the local `dokku-test/busybox:latest` image (test/base-image.ts) and
 * /usr/sbin/nginx; it starts its own nginx on a free loopback port with test/e2e/nginx.ts, in
 * temp roots. Every container and image of its app (`zdt-<pid>`), its nginx and its temp dir
 * are removed at the end, also on SIGINT/SIGTERM.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { freeLoopbackPort, LOOPBACK, nginxAvailable, startNginx, type TestNginx } from "../test/e2e/nginx";
import {
  buildImage,
  expectPage,
  must,
  removeDockerState,
  run,
  stopRunning,
  timeWaitBelow,
  timeWaitToward,
  webContainerAddress,
  type BenchApp,
  type Ran,
} from "./lib/bench-app";
import {
  failureCount,
  mergeResults,
  pickClient,
  startLoad,
  type LoadClient,
  type LoadResult,
  type LoadTarget,
} from "./lib/load";
import { readAppConfig, startReferenceNginx } from "./lib/reference-nginx";
import { workerCpuNs } from "./lib/nginx-cpu";
import { alternate, median, rate, turnRatios } from "./lib/turns";

const REPO_ROOT = resolve(import.meta.dir, "..");
const BASE_IMAGE = "dokku-test/busybox:latest";
const BENCH: BenchApp = {
  app: `zdt-${process.pid}`,
  image: `dokku-bench/zdt-${process.pid}:latest`,
  page: "zero downtime\n",
};
const DOMAIN = "bench.test";
const WARMUP_MS = 1_000;
/** TIME_WAIT sockets toward the container above which its connects get slow (half the ephemeral ports, the even ones, is ~14k). */
const TIME_WAIT_LIMIT = 2_000;
/** How long a socket stays in TIME_WAIT on Linux, and a margin. */
const TIME_WAIT_MS = 65_000;
/** Before each alternating turn: at most this many toward the container, so no turn (~2.5k more) reaches the slow connects. */
const TURN_TIME_WAIT_LIMIT = 8_000;
/** nginx writes a buffered access log at least this often (the renderer's `flush=`), and a margin. */
const LOG_FLUSH_MS = 1_500;

const { values: options } = parseArgs({
  options: {
    deploys: { type: "string", default: "10" },
    seconds: { type: "string", default: "12" },
    connections: { type: "string", default: "8" },
    rounds: { type: "string", default: "6" },
    client: { type: "string" },
    bin: { type: "string" },
  },
});
const deploys = positiveInt(options.deploys, "--deploys", 100);
const seconds = positiveInt(options.seconds, "--seconds", 600);
const connections = positiveInt(options.connections, "--connections", 1000);
const rounds = positiveInt(options.rounds, "--rounds", 100);
const client: LoadClient = options.client === undefined ? pickClient() : loadClient(options.client);

function loadClient(value: string): LoadClient {
  if (value === "bun") return value;
  if (value === "wrk" && Bun.which("wrk")) return value;
  throw new Error(value === "wrk" ? "--client wrk: wrk is not installed" : `--client must be wrk or bun, got ${value}`);
}

function positiveInt(value: string | undefined, flag: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
    throw new Error(`${flag} must be an integer from 1 to ${max}, got ${value}`);
  return parsed;
}

async function loadFor(target: LoadTarget, ms: number): Promise<LoadResult> {
  const load = startLoad(client, target, connections);
  await Bun.sleep(ms);
  return load.stop();
}

interface Deploy {
  readonly startMs: number;
  readonly endMs: number;
  readonly exitCode: number;
  readonly tail: string;
}

interface UnderRedeploys {
  readonly result: LoadResult;
  readonly deployed: readonly Deploy[];
  /** What nginx logged meanwhile: statuses of its access log, lines of its error log. */
  readonly statuses: ReadonlyMap<string, number>;
  readonly errors: readonly string[];
}

function logSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function logSince(path: string, from: number): string {
  return existsSync(path) ? readFileSync(path).subarray(from).toString("utf8") : "";
}

/** Between two bare reloads, the time a redeploy takes to reach its switch, about. */
const RELOAD_PAUSE_MS = 1_500;

/**
 * The load on `target` while `args` (`ps:rebuild <app>`, or `nginx:reload` for the control row)
 * runs `deploys` times, one after another (with `pauseMs` before each).
 */
async function underCommands(
  target: LoadTarget,
  dokku: (...args: string[]) => Promise<Ran>,
  logRoot: string,
  args: readonly string[],
  pauseMs = 0,
): Promise<UnderRedeploys> {
  const logs = { access: join(logRoot, `${BENCH.app}-access.log`), error: join(logRoot, `${BENCH.app}-error.log`) };
  const from = { access: logSize(logs.access), error: logSize(logs.error) };
  const origin = performance.now();
  const load = startLoad(client, target, connections, origin);
  const deployed: Deploy[] = [];
  for (let i = 0; i < deploys; i++) {
    if (pauseMs > 0) await Bun.sleep(pauseMs);
    const startMs = performance.now() - origin;
    const ran = await dokku(...args);
    const tail = `${ran.stderr}${ran.stdout}`.trim().split("\n").slice(-6).join("\n");
    deployed.push({ startMs, endMs: performance.now() - origin, exitCode: ran.exitCode, tail });
  }
  const result = await load.stop();
  await Bun.sleep(LOG_FLUSH_MS);
  const statuses = new Map<string, number>();
  for (const [, status = ""] of logSince(logs.access, from.access).matchAll(/" (\d{3}) /g))
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const errors = logSince(logs.error, from.error)
    .split("\n")
    .filter((line) => line.trim() !== "");
  return { result, deployed, statuses, errors };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : "-");

function row(label: string, result: LoadResult): string[] {
  const failed = failureCount(result);
  const kinds = [...result.failures].map(([what, count]) => `${what}: ${count}`).join(", ");
  return [
    label,
    result.seconds.toFixed(1),
    String(result.requests),
    String(result.requests - failed),
    String(failed),
    (result.requests / result.seconds).toFixed(0),
    ms(result.p50),
    ms(result.p99),
    ms(result.max),
    kinds,
  ];
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

/** The commands' outcome, nginx's view, and where in which command's run each of the first failures fell. */
function printDetails(label: string, phase: UnderRedeploys, baseline: LoadResult, what = "redeploy"): void {
  const { result, deployed } = phase;
  const spans = deployed.map((deploy) => (deploy.endMs - deploy.startMs) / 1000).sort((a, b) => a - b);
  const ok = deployed.filter((deploy) => deploy.exitCode === 0).length;
  console.log(
    `${label}: failed requests ${failureCount(result)} of ${result.requests} (target 0); p50 ${(result.p50 / baseline.p50).toFixed(2)}x, p99 ${(result.p99 / baseline.p99).toFixed(2)}x of no deploys`,
  );
  console.log(
    `  ${what}s: ${ok} of ${deployed.length} succeeded, ${spans[0]?.toFixed(1)}-${spans.at(-1)?.toFixed(1)} s each (median ${spans[Math.floor(spans.length / 2)]?.toFixed(1)} s)`,
  );
  const statuses =
    [...phase.statuses]
      .sort()
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ") || "none";
  console.log(`  nginx's access log meanwhile: ${statuses}; its error log: ${phase.errors.length} lines`);
  for (const line of phase.errors.slice(0, 5)) console.log(`    ${line}`);
  for (const [at, deploy] of deployed.entries()) {
    if (deploy.exitCode !== 0)
      console.log(`  ${what} ${at + 1} failed (exit ${deploy.exitCode}):\n${deploy.tail.replace(/^/gm, "    ")}`);
  }
  for (const failure of result.firstFailures) {
    const index = deployed.findIndex((deploy) => failure.atMs >= deploy.startMs && failure.atMs <= deploy.endMs);
    const deploy = deployed[index];
    const where = deploy
      ? `${what} ${index + 1}, ${((failure.atMs - deploy.startMs) / 1000).toFixed(2)} s after its start (it took ${((deploy.endMs - deploy.startMs) / 1000).toFixed(2)} s)`
      : `between ${what}s`;
    console.log(`  failure at ${(failure.atMs / 1000).toFixed(3)} s: ${failure.what}; ${where}`);
  }
}

async function main(): Promise<void> {
  if (!nginxAvailable()) throw new Error("bench/zero-downtime.ts needs /usr/sbin/nginx");
  if ((await run(["docker", "image", "inspect", BASE_IMAGE])).exitCode !== 0)
    throw new Error(`bench/zero-downtime.ts needs Docker and the local ${BASE_IMAGE} image (bun test/base-image.ts)`);
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-zdt-"));
  let nginx: TestNginx | undefined;
  let reference: TestNginx | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopRunning();
    await nginx?.[Symbol.asyncDispose]();
    await reference?.[Symbol.asyncDispose]();
    await removeDockerState(BENCH);
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
    const bin = options.bin ?? process.env.DOKKU_BIN ?? join(temp, "dokku");
    if (bin === join(temp, "dokku"))
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
    nginx = await startNginx(roots.DOKKU_ROOT);
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...roots, ...nginx.env };
    delete env.SSH_ORIGINAL_COMMAND;
    delete env.NAME;
    const dokku = (...args: string[]) => run([bin, ...args], env);
    const setup = (...args: string[]) => must([bin, ...args], env);
    const port = freeLoopbackPort();
    const referencePort = freeLoopbackPort();

    const setupStart = performance.now();
    await buildImage(BENCH, BASE_IMAGE, temp);
    await setup("apps:create", BENCH.app);
    await setup("domains:set-global", DOMAIN);
    await setup("checks:set", "--global", "wait-to-retire", "2");
    await setup("checks:set", "--global", "default-wait", "1");
    await setup("proxy:set", "--global", "proxy-port", String(port));
    await setup("nginx:set", "--global", "bind-address-ipv4", LOOPBACK);
    await setup("nginx:set", "--global", "bind-address-ipv6", "::1");
    await setup("git:from-image", BENCH.app, BENCH.image);
    const keptAlive: LoadTarget = { url: `http://${LOOPBACK}:${port}/`, host: `${BENCH.app}.${DOMAIN}` };
    const closing: LoadTarget = { ...keptAlive, keepAlive: false };
    const ip = await webContainerAddress(BENCH);
    const direct: LoadTarget = { url: `http://${ip}:5000/` };
    const started = await startReferenceNginx(
      join(temp, "reference"),
      `${LOOPBACK}:${referencePort}`,
      `${ip}:5000`,
      readAppConfig(roots.DOKKU_ROOT, BENCH.app),
    );
    reference = started.nginx;
    const minimal: LoadTarget = { url: `http://${LOOPBACK}:${referencePort}/`, host: keptAlive.host };
    await expectPage(BENCH, keptAlive);
    await expectPage(BENCH, minimal);
    await expectPage(BENCH, direct);
    const version = (await run(["/usr/sbin/nginx", "-v"])).stderr.trim();
    console.log(
      `setup (image build, app, first deploy): ${((performance.now() - setupStart) / 1000).toFixed(1)} s; ${version}; docker ${await must(["docker", "version", "-f", "{{.Server.Version}}"])}`,
    );
    console.log(
      `load: ${client === "wrk" ? "wrk" : `Bun client, no retries${Bun.which("wrk") ? "" : " (wrk not installed)"}`}, ${connections} connections, closed loop; ${seconds} s per row with no deploys (nginx, reference nginx and direct in ${rounds} rotating turns, each after TIME_WAIT toward the container is below ${TURN_TIME_WAIT_LIMIT}), ${WARMUP_MS / 1000} s warm-up each`,
    );
    console.log(
      `reference nginx: same binary and main config, server { listen; ${started.accessLog} location / { proxy_pass http://${ip}:5000; } }`,
    );
    console.log(
      `app: busybox httpd (closes every connection), web=1; checks default-wait 1 s, wait-to-retire 2 s; redeploy: dokku ps:rebuild ${BENCH.app}, ${deploys} times per row`,
    );
    console.log("");

    // every request opens a connection to the container; a run of the last minute on the same
    // address leaves this host's ports toward it in TIME_WAIT, and connects then slow down
    const lingering = await timeWaitToward(ip);
    if (lingering !== undefined && lingering > TIME_WAIT_LIMIT) {
      console.log(
        `note: ${lingering} sockets in TIME_WAIT toward ${ip} (a recent run?); waiting up to ${TIME_WAIT_MS / 1000} s for them to go`,
      );
      for (
        const deadline = Date.now() + TIME_WAIT_MS;
        Date.now() < deadline && ((await timeWaitToward(ip)) ?? 0) > TIME_WAIT_LIMIT;
      )
        await Bun.sleep(1_000);
    }
    for (const target of [keptAlive, minimal, closing, direct]) await loadFor(target, WARMUP_MS);
    const closingBaseline = await loadFor(closing, seconds * 1000);
    // nginx, the reference and direct in turns, the order rotated each round: drift in the
    // machine's speed (other work on it) hits all alike; and each turn starts with few sockets
    // in TIME_WAIT toward the container, so none of them pays for the others' connections
    let waitedMs = 0;
    const targets = [keptAlive, minimal, direct];
    // what each request costs the nginx workers themselves (CPU time), beside the throughput
    const masters = [nginx.pid, reference.pid];
    const cpu = masters.map(() => ({ ns: 0, requests: 0 }));
    const turn = async (index: number) => {
      const master = masters[index];
      const before = master === undefined ? undefined : workerCpuNs(master);
      const result = await loadFor(targets[index] as LoadTarget, (seconds * 1000) / rounds);
      const after = master === undefined ? undefined : workerCpuNs(master);
      const spent = cpu[index];
      if (before !== undefined && after !== undefined && spent) {
        spent.ns += after - before;
        spent.requests += result.requests;
      }
      return result;
    };
    const turns = await alternate(targets.length, rounds, turn, async () => {
      waitedMs += await timeWaitBelow(ip, TURN_TIME_WAIT_LIMIT, TIME_WAIT_MS);
    });
    const [baseline, referenced, straight] = [0, 1, 2].map((index) =>
      mergeResults(turns.map((turn) => turn[index] as LoadResult)),
    ) as [LoadResult, LoadResult, LoadResult];
    const logRoot = nginx.env.DOKKU_NGINX_LOG_ROOT as string;
    const rebuild = ["ps:rebuild", BENCH.app];
    const keptDuring = await underCommands(keptAlive, dokku, logRoot, rebuild);
    const closingDuring = await underCommands(closing, dokku, logRoot, rebuild);
    // the control: the same reloads of nginx with no deploy, no container or config change
    const keptReloads = await underCommands(keptAlive, dokku, logRoot, ["nginx:reload"], RELOAD_PAUSE_MS);
    const after = await expectPage(BENCH, keptAlive).then(
      () => "200 with the page",
      (error: Error) => error.message,
    );

    printTable([
      ["phase", "seconds", "requests", "served", "failed", "req/s", "p50", "p99", "max", "failures"],
      row("nginx, keep-alive, no deploys", baseline),
      row(`nginx, keep-alive, during ${deploys} redeploys`, keptDuring.result),
      row("nginx, new connection per request, no deploys", closingBaseline),
      row(`nginx, new connection per request, during ${deploys} redeploys`, closingDuring.result),
      row(`nginx, keep-alive, during ${deploys} bare nginx:reload`, keptReloads.result),
      row("reference nginx (minimal proxy_pass), keep-alive, no deploys", referenced),
      row("container directly, no deploys", straight),
    ]);
    console.log("");
    const ratioLine = (label: string, of: LoadResult, to: LoadResult, perRound: number[], target = "") =>
      console.log(
        `${label}: ${(rate(of) / rate(to)).toFixed(2)}x over all turns, median of rounds ${median(perRound).toFixed(2)}x${target}; per round: ${perRound.map((ratio) => ratio.toFixed(2)).join(", ")}`,
      );
    ratioLine("nginx throughput / direct", baseline, straight, turnRatios(turns, 0, 2), " (target at least 0.9)");
    ratioLine("reference nginx / direct", referenced, straight, turnRatios(turns, 1, 2));
    ratioLine("nginx / reference nginx", baseline, referenced, turnRatios(turns, 0, 1));
    const perRequest = (spent: { ns: number; requests: number } | undefined) =>
      spent && spent.requests > 0 ? `${(spent.ns / spent.requests / 1000).toFixed(1)} us` : "-";
    console.log(`nginx workers' CPU time per request: ours ${perRequest(cpu[0])}, reference ${perRequest(cpu[1])}`);
    console.log(`waited for TIME_WAIT toward the container between turns: ${(waitedMs / 1000).toFixed(0)} s`);
    printDetails("keep-alive", keptDuring, baseline);
    printDetails("new connection per request", closingDuring, closingBaseline);
    printDetails("keep-alive, bare reloads (no deploy)", keptReloads, baseline, "reload");
    console.log(`after the redeploys nginx answers: ${after}`);
  } finally {
    await cleanup();
  }
}

await main();
