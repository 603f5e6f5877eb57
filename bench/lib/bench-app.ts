/**
 * Process and Docker helpers of bench/zero-downtime.ts: run a program (bounded in time), build
 * the busybox httpd image the bench deploys, find the web container's address, and remove
 * every container and image of the bench's app. The bench uses the docker CLI, as tests do to
 * check things; the product itself talks to Docker through dockerode.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadTarget } from "./load";

export interface Ran {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const RUN_TIMEOUT_MS = 180_000;
const running = new Set<Bun.Subprocess>();
let stopped = false;

async function collect(
  argv: readonly string[],
  env: Record<string, string> | undefined,
  timeoutMs: number,
  track: boolean,
): Promise<Ran> {
  const child = Bun.spawn([...argv], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  if (track) running.add(child);
  try {
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { exitCode, stdout, stderr };
  } finally {
    running.delete(child);
  }
}

/** Runs argv (never through a shell), killed after `timeoutMs`; both streams collected. After stopRunning, starts nothing. */
export async function run(
  argv: readonly string[],
  env?: Record<string, string>,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<Ran> {
  if (stopped) return { exitCode: 130, stdout: "", stderr: "the bench is stopping" };
  return collect(argv, env, timeoutMs, true);
}

/**
 * A bench stopped midway: `run` starts nothing more, and every program it started that still
 * runs is killed (SIGKILL) and waited for, so no deploy goes on while the bench cleans up.
 */
export async function stopRunning(): Promise<void> {
  stopped = true;
  const children = [...running];
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(children.map((child) => child.exited));
}

/** `run`, throwing with its output unless it exits 0; its stdout, trimmed. */
export async function must(argv: readonly string[], env?: Record<string, string>): Promise<string> {
  const result = await run(argv, env);
  if (result.exitCode !== 0)
    throw new Error(`${argv.join(" ")} failed (exit ${result.exitCode}):\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

export interface BenchApp {
  readonly app: string;
  /** The image `git:from-image` deploys. */
  readonly image: string;
  /** What every page request answers. */
  readonly page: string;
}

/** The image: FROM the local busybox, httpd serving one static page on $PORT (5000). */
export async function buildImage(bench: BenchApp, baseImage: string, dir: string): Promise<void> {
  mkdirSync(join(dir, "image"));
  const page = bench.page.replaceAll("\n", "\\n");
  writeFileSync(
    join(dir, "image", "Dockerfile"),
    [
      `FROM ${baseImage}`,
      `RUN mkdir -p /www && printf '${page}' > /www/index.html`,
      `CMD ["sh", "-c", "exec httpd -f -p \${PORT:-5000} -h /www"]`,
      "",
    ].join("\n"),
  );
  await must([
    "docker",
    "build",
    "-q",
    "-t",
    bench.image,
    "--label",
    `com.dokku.app-name=${bench.app}`,
    join(dir, "image"),
  ]);
}

/** Every container and image of the app (labelled, or named `dokku/<app>`), and the built image. */
export async function removeDockerState(bench: BenchApp): Promise<void> {
  const docker = (...args: string[]) => collect(["docker", ...args], undefined, RUN_TIMEOUT_MS, false);
  const lines = (result: Ran) => result.stdout.split("\n").filter(Boolean);
  // twice: a deploy killed midway may have had a create or start in flight at the engine
  for (const pass of [1, 2]) {
    if (pass === 2) await Bun.sleep(1_000);
    const containers = lines(await docker("ps", "-aq", "--filter", `label=com.dokku.app-name=${bench.app}`));
    if (containers.length > 0) await docker("rm", "-f", ...containers);
  }
  const labelled = lines(await docker("images", "-q", "--filter", `label=com.dokku.app-name=${bench.app}`));
  const named = lines(await docker("images", "-q", `dokku/${bench.app}`));
  const images = [...new Set([...labelled, ...named])];
  if (images.length > 0) await docker("rmi", "-f", ...images);
  await docker("rmi", "-f", bench.image);
}

/** The address on its Docker network of the app's (first) running web container. */
export async function webContainerAddress(bench: BenchApp): Promise<string> {
  const ids = await must([
    "docker",
    "ps",
    "-q",
    "--filter",
    `label=com.dokku.app-name=${bench.app}`,
    "--filter",
    "label=com.dokku.process-type=web",
  ]);
  const id = ids.split("\n")[0] ?? "";
  const addresses = await must([
    "docker",
    "inspect",
    "-f",
    "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
    id,
  ]);
  const ip = addresses.split(" ")[0];
  if (!ip) throw new Error(`container ${id} has no address on a Docker network`);
  return ip;
}

/** Throws unless a GET of the target answers 200 with the page. */
export async function expectPage(bench: BenchApp, target: LoadTarget): Promise<void> {
  const response = await fetch(target.url, {
    headers: target.host ? { Host: target.host } : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  if (response.status !== 200 || body !== bench.page)
    throw new Error(`GET ${target.url} (Host: ${target.host ?? "-"}) gave ${response.status}: ${body.slice(0, 200)}`);
}

/** Sockets of this host in TIME_WAIT toward `ip` (ss from iproute2); undefined without ss. */
export async function timeWaitToward(ip: string): Promise<number | undefined> {
  if (!Bun.which("ss")) return undefined;
  const result = await collect(["ss", "-Htan", "state", "time-wait", "dst", ip], undefined, 10_000, false);
  return result.exitCode === 0 ? result.stdout.split("\n").filter(Boolean).length : undefined;
}

/**
 * Waits (up to `maxMs`) while more than `limit` sockets of this host toward `ip` are in
 * TIME_WAIT: past ~14k (the even ephemeral ports) every connect toward it slows down, whatever
 * opened them. Returns the milliseconds waited.
 */
export async function timeWaitBelow(ip: string, limit: number, maxMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < maxMs && ((await timeWaitToward(ip)) ?? 0) > limit) await Bun.sleep(500);
  return performance.now() - start;
}
