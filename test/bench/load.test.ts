import { describe, expect, test } from "bun:test";
import { mergeResults, parseWrk, percentile, type LoadResult } from "../../bench/lib/load";

const WRK_REPORT = [
  "Running 30s test @ http://127.0.0.1:8080/",
  "  2 threads and 8 connections",
  "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
  "    Latency   635.91us    0.89ms  12.92ms   93.69%",
  "    Req/Sec    56.20k     8.07k   62.00k    86.54%",
  "  Latency Distribution",
  "     50%  250.00us",
  "     75%  491.00us",
  "     90%  700.00us",
  "     99%    5.80ms",
  "  22464657 requests in 30.00s, 17.76GB read",
  "  Socket errors: connect 0, read 3, write 0, timeout 1",
  "  Non-2xx or 3xx responses: 7",
  "Requests/sec: 748868.53",
  "Transfer/sec:    606.33MB",
  "",
].join("\n");

function result(seconds: number, latencies: number[], failures: [string, number][] = []): LoadResult {
  const failed = failures.reduce((total, [, count]) => total + count, 0);
  return {
    seconds,
    requests: latencies.length + failed,
    failures: new Map(failures),
    p50: 0,
    p99: 0,
    max: 0,
    firstFailures: [],
    latencies,
  };
}

describe("parseWrk", () => {
  test("reads requests, failures and latency percentiles from wrk --latency", () => {
    const parsed = parseWrk(WRK_REPORT);
    expect({ ...parsed, failures: [...parsed.failures] }).toEqual({
      seconds: 30,
      requests: 22464661,
      failures: [
        ["wrk socket read", 3],
        ["wrk socket timeout", 1],
        ["status >= 400", 7],
      ],
      p50: 0.25,
      p99: 5.8,
      max: 12.92,
      firstFailures: [],
    });
  });

  test("throws with wrk's output when there is no report", () => {
    expect(() => parseWrk("", "unable to connect to 127.0.0.1:1 Connection refused")).toThrow("unable to connect");
  });
});

describe("mergeResults", () => {
  test("adds times, requests and failures and takes percentiles over all latencies", () => {
    const merged = mergeResults([result(1, [1, 3]), result(2, [2, 4, 100], [["status 502", 1]])]);
    expect({ ...merged, failures: [...merged.failures] }).toEqual({
      seconds: 3,
      requests: 6,
      failures: [["status 502", 1]],
      p50: 3,
      p99: 100,
      max: 100,
      firstFailures: [],
      latencies: [1, 2, 3, 4, 100],
    });
  });
});

describe("percentile", () => {
  test("gives the nearest-rank value of sorted values, NaN for none", () => {
    expect([percentile([10, 20, 30, 40], 0.5), percentile([10, 20, 30, 40], 0.99), percentile([], 0.5)]).toEqual([
      20,
      40,
      Number.NaN,
    ]);
  });
});
