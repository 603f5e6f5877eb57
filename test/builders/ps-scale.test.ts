import { describe, expect, test } from "bun:test";
import {
  computeFormation,
  mergeScale,
  parseScaleTuples,
  scaleFromLines,
  scaleJson,
  scaleTable,
  unknownProcessTypes,
} from "../../src/builders/ps-scale";
import { dokkuErrorOf } from "../harness";

describe("parseScaleTuples", () => {
  test("reads proc=N tuples, the first of a repeated type winning", () => {
    expect(parseScaleTuples(["web=2", " worker = 0", "web=5"])).toEqual([
      ["web", 2],
      ["worker", 0],
    ]);
  });

  test("refuses a missing count, a count that is not a whole number and a bad type", () => {
    expect(
      [["web"], ["web=x"], ["web=-1"], ["web=1.5"], ["=1"], ["we b=1"]].map((tuples) =>
        dokkuErrorOf(() => parseScaleTuples(tuples)),
      ),
    ).toEqual([
      "Missing count for process type web",
      "Invalid count for process type web",
      "Invalid count for process type web",
      "Invalid count for process type web",
      "Invalid process type ",
      "Invalid process type we b",
    ]);
  });
});

describe("computeFormation", () => {
  test("starts web at 1 and other Procfile types at 0 without a stored scale", () => {
    expect(computeFormation({ processes: { web: "a", worker: "b" }, stored: [] })).toEqual({ web: 1, worker: 0 });
  });

  test("uses the stored scale", () => {
    expect(
      computeFormation({
        processes: { web: "a", worker: "b" },
        stored: [
          ["worker", 3],
          ["web", 0],
        ],
      }),
    ).toEqual({ web: 0, worker: 3 });
  });

  test("lets app.json formation quantities win, other types at 0", () => {
    expect(
      computeFormation({
        processes: { web: "a", worker: "b", clock: "c" },
        appJsonFormation: { worker: { quantity: 2 }, web: {} },
        stored: [["web", 4]],
      }),
    ).toEqual({ clock: 0, worker: 2, web: 0 });
  });

  test("runs web from the image's CMD without a Procfile", () => {
    expect(computeFormation({ processes: {}, stored: [] })).toEqual({ web: 1 });
  });
});

describe("scale tables", () => {
  test("prints Dokku's table, without headers when quiet", () => {
    expect([
      scaleTable(
        [
          ["web", 1],
          ["worker", 2],
        ],
        false,
      ),
      scaleTable([["web", 1]], true),
    ]).toEqual([["proctype: qty", "--------: ---", "web:  1", "worker: 2"], ["web:  1"]]);
  });

  test("prints JSON", () => {
    expect([scaleJson([["web", 1]]), scaleJson([])]).toEqual(['[{"process_type":"web","quantity":1}]', "[]"]);
  });

  test("reads the stored lines, merges updates and names types a Procfile lacks", () => {
    expect({
      stored: scaleFromLines(["web=1", "junk", "worker=2"]),
      merged: mergeScale(
        [
          ["worker", 2],
          ["web", 1],
        ],
        [
          ["web", 3],
          ["clock", 1],
        ],
      ),
      unknown: unknownProcessTypes(
        [
          ["clock", 1],
          ["web", 2],
          ["other", 0],
        ],
        { web: "a" },
      ),
      noProcfile: unknownProcessTypes([["clock", 1]], {}),
    }).toEqual({
      stored: [
        ["web", 1],
        ["worker", 2],
      ],
      merged: [
        ["clock", 1],
        ["web", 3],
        ["worker", 2],
      ],
      unknown: ["clock"],
      noProcfile: [],
    });
  });
});
