/**
 * Constant closed-loop HTTP load for the benches: `connections` clients, each sending its next
 * GET as soon as the previous answer arrived, until stopped. With `wrk` on the PATH it drives
 * wrk (its own threads, keep-alive); without, a bounded Bun client in this process (one
 * keep-alive connection per loop over Bun's TCP sockets, no retries, a 10 s timeout per request:
 * bench/lib/http-client.ts). Any status outside 200-399 and any request that got no answer
 * (connection refused, closed or reset first, timeout) counts as a failure.
 */
import { cpus } from "node:os";
import { connectHttp, type HttpConnection } from "./http-client";

export interface LoadTarget {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The `Host:` header (a vhost of nginx); none: the URL's host. */
  readonly host?: string;
  /** false: `Connection: close`, a new connection for every request. Default true. */
  readonly keepAlive?: boolean;
}

export interface LoadResult {
  readonly seconds: number;
  readonly requests: number;
  /** Failures by kind (`status 502`, `ECONNRESET`, `wrk socket read` ...). */
  readonly failures: ReadonlyMap<string, number>;
  /** Milliseconds at p50, p99 and max (wrk gives no max beyond its own). */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The first failures with their time since the start, for reading beside the deploys' times (Bun client only). */
  readonly firstFailures: readonly { readonly atMs: number; readonly what: string }[];
  /** Every successful request's latency, sorted (Bun client only). */
  readonly latencies?: readonly number[];
}

export interface RunningLoad {
  /** Stops the clients, waits for the requests in flight, and gives the figures. */
  stop(): Promise<LoadResult>;
}

export type LoadClient = "wrk" | "bun";

/** wrk when installed (never installed by the bench), else the Bun client. */
export function pickClient(): LoadClient {
  return Bun.which("wrk") ? "wrk" : "bun";
}

export function startLoad(
  client: LoadClient,
  target: LoadTarget,
  connections: number,
  startedAt = performance.now(),
): RunningLoad {
  return client === "wrk" ? startWrk(target, connections) : startBunClient(target, connections, startedAt);
}

export function failureCount(result: LoadResult): number {
  let total = 0;
  for (const count of result.failures.values()) total += count;
  return total;
}

const REQUEST_TIMEOUT_MS = 10_000;
const KEPT_FAILURES = 20;

function startBunClient(target: LoadTarget, connections: number, startedAt: number): RunningLoad {
  let stopped = false;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const firstFailures: { atMs: number; what: string }[] = [];
  const begin = performance.now();
  const fail = (what: string) => {
    failures.set(what, (failures.get(what) ?? 0) + 1);
    if (firstFailures.length < KEPT_FAILURES) firstFailures.push({ atMs: performance.now() - startedAt, what });
  };
  const url = new URL(target.url);
  const port = Number(url.port || 80);
  const close = target.keepAlive === false ? "Connection: close\r\n" : "";
  const request = new TextEncoder().encode(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${target.host ?? url.host}\r\nUser-Agent: dokku-bench\r\n${close}\r\n`,
  );
  // one connection per loop, kept alive while the server allows; every request that got no
  // answer is a failure (no retries), then the loop reconnects
  const loop = async () => {
    let connection: HttpConnection | undefined;
    while (!stopped) {
      const start = performance.now();
      try {
        if (!connection || connection.closed) connection = await connectHttp(url.hostname, port, REQUEST_TIMEOUT_MS);
        const response = await connection.send(request);
        if (response.status >= 200 && response.status < 400) latencies.push(performance.now() - start);
        else fail(`status ${response.status}`);
        if (response.close) connection.release();
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string };
        fail(code ?? message ?? String(error));
        connection?.close();
        connection = undefined;
        // a refused connect fails at once: do not spin
        if (code) await Bun.sleep(5);
      }
    }
    connection?.close();
  };
  const loops = Array.from({ length: connections }, loop);
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      const seconds = (performance.now() - begin) / 1000;
      latencies.sort((a, b) => a - b);
      let failed = 0;
      for (const count of failures.values()) failed += count;
      return {
        seconds,
        requests: latencies.length + failed,
        failures,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        max: latencies.at(-1) ?? Number.NaN,
        firstFailures,
        latencies,
      };
    },
  };
}

/**
 * Several runs against one target as one: times, requests and failures add up; percentiles are
 * exact from the Bun client's latencies, and for wrk's reports the request-weighted mean of
 * theirs (an approximation). Pure.
 */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const failures = new Map<string, number>();
  for (const result of results)
    for (const [what, count] of result.failures) failures.set(what, (failures.get(what) ?? 0) + count);
  const sum = (of: (result: LoadResult) => number) => results.reduce((total, result) => total + of(result), 0);
  const requests = sum((result) => result.requests);
  const base = {
    seconds: sum((result) => result.seconds),
    requests,
    failures,
    firstFailures: results.flatMap((result) => result.firstFailures),
  };
  if (results.every((result) => result.latencies)) {
    const latencies = results.flatMap((result) => result.latencies ?? []).sort((a, b) => a - b);
    return {
      ...base,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
      latencies,
    };
  }
  const weighted = (of: (result: LoadResult) => number) => sum((result) => of(result) * result.requests) / requests;
  return {
    ...base,
    p50: weighted((result) => result.p50),
    p99: weighted((result) => result.p99),
    max: Math.max(...results.map((result) => result.max)),
  };
}

/** The value at quantile q of sorted values (nearest rank). Pure. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function startWrk(target: LoadTarget, connections: number): RunningLoad {
  const threads = Math.max(1, Math.min(connections, cpus().length));
  // a long duration, ended by SIGINT: wrk then prints its figures for the time it ran
  const argv = [
    "wrk",
    "-t",
    String(threads),
    "-c",
    String(connections),
    "-d",
    "3600s",
    "--latency",
    "--timeout",
    "10s",
  ];
  if (target.host) argv.push("-H", `Host: ${target.host}`);
  if (target.keepAlive === false) argv.push("-H", "Connection: close");
  const child = Bun.spawn([...argv, target.url], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const output = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  return {
    async stop() {
      child.kill("SIGINT");
      const [stdout, stderr] = await output;
      await child.exited;
      return parseWrk(stdout, stderr);
    },
  };
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function duration(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  return match ? Number(match[1]) * (UNIT_MS[match[2] as string] ?? Number.NaN) : Number.NaN;
}

/** wrk's report (`--latency`) as figures. Pure. */
export function parseWrk(stdout: string, stderr = ""): LoadResult {
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(stdout);
  if (!done) throw new Error(`could not read wrk's report:\n${stdout}${stderr}`);
  const failures = new Map<string, number>();
  let socketErrors = 0;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  ["connect", "read", "write", "timeout"].forEach((kind, at) => {
    const count = Number(socket?.[at + 1] ?? 0);
    socketErrors += count;
    if (count > 0) failures.set(`wrk socket ${kind}`, count);
  });
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  if (non2xx > 0) failures.set("status >= 400", non2xx);
  return {
    seconds: duration(`${done[2]}${done[3]}`) / 1000,
    // wrk counts responses; connection errors are requests that got none
    requests: Number(done[1]) + socketErrors,
    failures,
    p50: duration(/^[ \t]+50%[ \t]+(\S+)/m.exec(stdout)?.[1]),
    p99: duration(/^[ \t]+99%[ \t]+(\S+)/m.exec(stdout)?.[1]),
    max: duration(/^[ \t]+Latency[ \t]+\S+[ \t]+\S+[ \t]+(\S+)/m.exec(stdout)?.[1]),
    firstFailures: [],
  };
}
