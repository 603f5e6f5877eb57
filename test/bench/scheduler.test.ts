import { describe, expect, test } from "bun:test";
import {
  phaseLabel,
  positiveInt,
  renderTable,
  schedulerOrder,
  summarize,
  type Sample,
} from "../../bench/lib/scheduler-figures";

function samples(scheduler: Sample["scheduler"], web: number, phase: Sample["phase"], ms: readonly number[]): Sample[] {
  return ms.map((value) => ({ scheduler, web, phase, ms: value }));
}

describe("summarize", () => {
  test("gives median, min and max per scheduler, web count and phase, and swarm's median over docker-local's on swarm rows", () => {
    const rows = summarize([
      ...samples("swarm", 4, "redeploy", [12_000, 11_000, 13_000]),
      ...samples("docker-local", 4, "redeploy", [1_000, 1_200, 900]),
      ...samples("swarm", 1, "first deploy", [3_000, 2_000, 4_000]),
      ...samples("docker-local", 1, "first deploy", [300, 500, 400]),
    ]);
    expect(
      rows.map((row) => [
        row.scheduler,
        row.web,
        row.phase,
        row.samples,
        row.medianMs,
        row.minMs,
        row.maxMs,
        row.ratio,
      ]),
    ).toEqual([
      ["docker-local", 1, "first deploy", 3, 400, 300, 500, undefined],
      ["swarm", 1, "first deploy", 3, 3_000, 2_000, 4_000, 7.5],
      ["docker-local", 4, "redeploy", 3, 1_000, 900, 1_200, undefined],
      ["swarm", 4, "redeploy", 3, 12_000, 11_000, 13_000, 12],
    ]);
  });

  test("gives no ratio to a swarm row without docker-local samples of the same web count and phase", () => {
    const rows = summarize([
      ...samples("swarm", 1, "scale", [2_000]),
      ...samples("docker-local", 1, "redeploy", [500]),
    ]);
    expect(rows.map((row) => [row.scheduler, row.phase, row.ratio])).toEqual([
      ["docker-local", "redeploy", undefined],
      ["swarm", "scale", undefined],
    ]);
  });
});

describe("renderTable", () => {
  test("prints seconds with two decimals, the phase with its web counts, and the ratio on swarm rows", () => {
    const table = renderTable(
      summarize([...samples("docker-local", 1, "scale", [500, 700]), ...samples("swarm", 1, "scale", [2_000, 1_800])]),
    );
    expect(table.split("\n")).toEqual([
      "scheduler     web  phase                         samples  median  min     max     swarm/docker-local",
      "docker-local  1    scale web=1 -> 2 (release 2)  2        0.60 s  0.50 s  0.70 s  -",
      "swarm         1    scale web=1 -> 2 (release 2)  2        1.90 s  1.80 s  2.00 s  3.17x",
    ]);
  });
});

describe("schedulerOrder", () => {
  test("alternates which scheduler goes first from one round to the next", () => {
    expect([0, 1, 2].map(schedulerOrder)).toEqual([
      ["docker-local", "swarm"],
      ["swarm", "docker-local"],
      ["docker-local", "swarm"],
    ]);
  });
});

describe("phaseLabel", () => {
  test("names the release and web count of each phase", () => {
    expect([phaseLabel("first deploy", 4), phaseLabel("redeploy", 4), phaseLabel("scale", 4)]).toEqual([
      "first deploy (release 1, web=4)",
      "redeploy (release 2, web=4)",
      "scale web=4 -> 5 (release 2)",
    ]);
  });
});

describe("positiveInt", () => {
  test("takes an integer from 1 to the maximum", () => {
    expect([positiveInt("1", "--rounds", 20), positiveInt("20", "--rounds", 20)]).toEqual([1, 20]);
  });

  test("refuses zero, fractions, words and values past the maximum, naming the flag", () => {
    const refusal = (value: string) => {
      try {
        positiveInt(value, "--rounds", 20);
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(["0", "1.5", "three", "21"].map(refusal)).toEqual([
      "--rounds must be an integer from 1 to 20, got 0",
      "--rounds must be an integer from 1 to 20, got 1.5",
      "--rounds must be an integer from 1 to 20, got three",
      "--rounds must be an integer from 1 to 20, got 21",
    ]);
  });
});
