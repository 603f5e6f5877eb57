import { describe, expect, test } from "bun:test";
import {
  assertConfigBounds,
  assertContainerEnv,
  CONFIG_BOUNDS,
  CONTAINER_ENV_BOUNDS,
  envBoundsMessage,
  envBoundsProblem,
  envLinePairs,
} from "../../src/core/env-bounds";
import { dokkuErrorOf } from "../harness";

const KIB = 1024;

describe("envBoundsProblem", () => {
  test("the bounds: 256-byte keys, 64 KiB values, 1000 vars, 256 KiB in all; a container 100 vars and 16 KiB more", () => {
    expect({ config: CONFIG_BOUNDS, container: CONTAINER_ENV_BOUNDS }).toEqual({
      config: { keyBytes: 256, valueBytes: 65536, vars: 1000, totalBytes: 262144 },
      container: { keyBytes: 256, valueBytes: 65536, vars: 1100, totalBytes: 278528 },
    });
  });

  test("accepts an env at every bound", () => {
    const value = "x".repeat(CONFIG_BOUNDS.valueBytes);
    const atValue = [["K".repeat(CONFIG_BOUNDS.keyBytes), value]] as const;
    // 1000 vars whose KEY=value lines add up to 256 KiB exactly
    const vars = Array.from({ length: 1000 }, (_, at) => [`K${String(at).padStart(3, "0")}`, "v".repeat(257)] as const);
    const last = vars.at(-1) as readonly [string, string];
    const exact = [...vars.slice(0, -1), [last[0], "v".repeat(257 + (CONFIG_BOUNDS.totalBytes - 1000 * 262))] as const];
    expect([
      envBoundsProblem(atValue, CONFIG_BOUNDS),
      envBoundsProblem(exact, CONFIG_BOUNDS),
      envBoundsProblem([], CONFIG_BOUNDS),
    ]).toEqual([undefined, undefined, undefined]);
  });

  test("finds a value one byte over, counting UTF-8 bytes rather than characters", () => {
    const euros = "€".repeat(Math.floor(CONFIG_BOUNDS.valueBytes / 3) + 1); // 3 bytes each
    expect([
      envBoundsProblem(
        [
          ["OK", "x"],
          ["BIG", "x".repeat(CONFIG_BOUNDS.valueBytes + 1)],
        ],
        CONFIG_BOUNDS,
      ),
      envBoundsProblem([["EURO", euros]], CONFIG_BOUNDS),
    ]).toEqual([
      { kind: "value", key: "BIG", bytes: 65537, bound: 65536 },
      { kind: "value", key: "EURO", bytes: euros.length * 3, bound: 65536 },
    ]);
  });

  test("finds a long key, too many vars and too many bytes in all, in that order", () => {
    const many = Array.from({ length: 1001 }, (_, at) => [`K${at}`, "v"] as const);
    const heavy = Array.from({ length: 5 }, (_, at) => [`K${at}`, "v".repeat(60 * KIB)] as const);
    expect([
      envBoundsProblem(
        [
          ["A".repeat(257), "v"],
          ["BIG", "x".repeat(70 * KIB)],
        ],
        CONFIG_BOUNDS,
      ),
      envBoundsProblem(many, CONFIG_BOUNDS),
      envBoundsProblem(many, CONTAINER_ENV_BOUNDS),
      envBoundsProblem(heavy, CONFIG_BOUNDS),
    ]).toEqual([
      { kind: "key", key: "A".repeat(257), bytes: 257, bound: 256 },
      { kind: "vars", count: 1001, bound: 1000 },
      undefined,
      { kind: "total", bytes: 5 * (3 + 60 * KIB), bound: 262144 },
    ]);
  });
});

describe("envBoundsMessage", () => {
  test("names the key, its size and the bound in one line", () => {
    const whole = "Config of shop (its own and the global vars)";
    expect([
      envBoundsMessage({ kind: "value", key: "BIG", bytes: 10485760, bound: 65536 }, whole),
      envBoundsMessage({ kind: "key", key: "K".repeat(300), bytes: 300, bound: 256 }, whole),
      envBoundsMessage({ kind: "vars", count: 1001, bound: 1000 }, whole),
      envBoundsMessage({ kind: "total", bytes: 300000, bound: 262144 }, whole),
    ]).toEqual([
      "Value of BIG is 10485760 bytes; config values are limited to 65536 bytes",
      `Key ${"K".repeat(64)}... is 300 bytes; config keys are limited to 256 bytes`,
      "Config of shop (its own and the global vars) has 1001 vars; the limit is 1000",
      "Config of shop (its own and the global vars) is 300000 bytes (KEY=value, all together); the limit is 262144 bytes",
    ]);
  });
});

describe("assertConfigBounds and assertContainerEnv", () => {
  test("refuse with Dokku's one-line error; pass an env within the bounds", () => {
    expect([
      dokkuErrorOf(() => assertConfigBounds(new Map([["BIG", "x".repeat(10 * 1024 * 1024)]]), "Config of shop")),
      dokkuErrorOf(() => assertContainerEnv(["DYNO=web.1", `BIG=${"x".repeat(70 * KIB)}`], "shop")),
      dokkuErrorOf(() =>
        assertContainerEnv(
          Array.from({ length: 5 }, (_, at) => `K${at}=${"v".repeat(60 * KIB)}`),
          "shop",
        ),
      ),
      assertConfigBounds(new Map([["PORT", "5000"]]), "Config of shop"),
      assertContainerEnv(undefined, undefined),
    ]).toEqual([
      "Value of BIG is 10485760 bytes; config values are limited to 65536 bytes",
      `Value of BIG is ${70 * KIB} bytes; config values are limited to 65536 bytes`,
      `The environment of a shop container is ${5 * (3 + 60 * KIB)} bytes (KEY=value, all together); the limit is 278528 bytes`,
      undefined,
      undefined,
    ]);
  });

  test("envLinePairs splits at the first =", () => {
    expect(envLinePairs(["A=b=c", "EMPTY=", "BARE"])).toEqual([
      ["A", "b=c"],
      ["EMPTY", ""],
      ["BARE", ""],
    ]);
  });
});
