import { describe, expect, test } from "bun:test";
import { parseCpus, parseGpus, resourceValueProblem } from "../../src/builders/resource-values";

describe("parseCpus", () => {
  test("turns a CPU count into NanoCpus exactly, up to 9 decimals", () => {
    expect(
      ["1", "0.5", "1.5", "2.000000001", "0.1", "0", "1.0000000001", "-1", "1/2", "", "one"].map(parseCpus),
    ).toEqual([1e9, 5e8, 1.5e9, 2000000001, 1e8, 0, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("parseGpus", () => {
  test("reads a positive count or all (-1)", () => {
    expect(["1", "4", "all", "0", "-1", "1.5", "gpu", "ALL"].map(parseGpus)).toEqual([
      1,
      4,
      -1,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("resourceValueProblem", () => {
  test("accepts good values and clear", () => {
    const good: Array<[Parameters<typeof resourceValueProblem>[0], string]> = [
      ["cpu", "0.25"],
      ["cpu", "clear"],
      ["memory", "6m"],
      ["memory", "100"],
      ["memory-swap", "-1"],
      ["memory-swap", "1g"],
      ["memory-swap", "6291456"],
      ["nvidia-gpu", "all"],
      ["network", "10mbit"],
      ["network-egress", "100"],
    ];
    expect(good.map(([key, value]) => resourceValueProblem(key, value))).toEqual(Array(good.length).fill(undefined));
  });

  test("refuses garbage, zero, negative, too small and too precise values with the flag named", () => {
    const bad: Array<[Parameters<typeof resourceValueProblem>[0], string]> = [
      ["cpu", "0"],
      ["cpu", "-1"],
      ["cpu", "lots"],
      ["cpu", "0.0000000001"],
      ["memory", "0"],
      ["memory", "5"],
      ["memory", "-512m"],
      ["memory", "1gb2"],
      ["memory", "99999999999999g"],
      ["memory-swap", "100"],
      ["memory-swap", "-2"],
      ["nvidia-gpu", "0"],
      ["network", "fast"],
      ["network-ingress", "0"],
    ];
    expect(bad.map(([key, value]) => resourceValueProblem(key, value))).toEqual([
      'Invalid --cpu value "0": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
      'Invalid --cpu value "-1": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
      'Invalid --cpu value "lots": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
      'Invalid --cpu value "0.0000000001": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
      'Invalid --memory value "0": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
      'Invalid --memory value "5": docker needs at least 6m (a bare number is megabytes)',
      'Invalid --memory value "-512m": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
      'Invalid --memory value "1gb2": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
      'Invalid --memory value "99999999999999g": the size is too large',
      'Invalid --memory-swap value "100": docker needs at least 6m (a bare number is bytes)',
      'Invalid --memory-swap value "-2": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is bytes), or -1 for unlimited swap',
      'Invalid --nvidia-gpu value "0": expected a positive number of GPUs or all',
      'Invalid --network value "fast": expected a positive bandwidth such as 100 or 10mbit',
      'Invalid --network-ingress value "0": expected a positive bandwidth such as 100 or 10mbit',
    ]);
  });
});
