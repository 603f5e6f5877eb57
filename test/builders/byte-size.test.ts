import { describe, expect, test } from "bun:test";
import { parseByteSize } from "../../src/builders/byte-size";
import { parseSize } from "../../src/builders/docker-options-values";
import { dokkuErrorOf } from "../harness";

describe("parseByteSize", () => {
  test("reads docker sizes in powers of 1024, a bare number in the unit given", () => {
    const cases = ["512m", "1g", "1.5g", "1GiB", "512MB", "100kb", "4096b", "2t", "100", "1.5", "0"];
    expect(cases.map((value) => [value, parseByteSize(value, "m"), parseByteSize(value, "b")])).toEqual([
      ["512m", 536870912, 536870912],
      ["1g", 1073741824, 1073741824],
      ["1.5g", 1610612736, 1610612736],
      ["1GiB", 1073741824, 1073741824],
      ["512MB", 536870912, 536870912],
      ["100kb", 102400, 102400],
      ["4096b", 4096, 4096],
      ["2t", 2199023255552, 2199023255552],
      ["100", 104857600, 100],
      ["1.5", 1572864, 1],
      ["0", 0, 0],
    ]);
  });

  test("returns undefined when the value is not a size", () => {
    expect(
      ["", "abc", "-5", "1e3", "512 m", "1x", "512ib", "1bb", "m", ".5g", "1,5g"].map((value) =>
        parseByteSize(value, "m"),
      ),
    ).toEqual(Array(11).fill(undefined));
  });
});

describe("one size grammar", () => {
  test("docker options take the sizes resource limits take, and refuse the same ones", () => {
    const sizes = ["512m", "1.5g", "1GiB", "100kb", "4096b", "1024"];
    expect(sizes.map((value): number | undefined => parseSize("--shm-size", value))).toEqual(
      sizes.map((value) => parseByteSize(value, "b")),
    );
    for (const value of ["512 m", "512ib", "1bb", "1e3"])
      expect(dokkuErrorOf(() => parseSize("--shm-size", value))).toBe(
        `Invalid --shm-size value '${value}': expected a size such as 64m, 1g or 1048576`,
      );
  });
});
