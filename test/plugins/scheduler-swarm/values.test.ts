import { describe, expect, test } from "bun:test";
import { parseDuration, placementConstraints, swarmValueProblem } from "../../../src/plugins/scheduler-swarm/values";

describe("parseDuration", () => {
  test("reads Go durations into nanoseconds and refuses anything else", () => {
    const inputs = ["0", "10s", "1m30s", "500ms", "1.5h", "2us", "", "10", "-5s", "1d", "s", "10s ", "1m30"];
    expect(inputs.map(parseDuration)).toEqual([
      0,
      10e9,
      90e9,
      500e6,
      5400e9,
      2000,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("placementConstraints", () => {
  test("splits a comma list and removes spaces around the operator", () => {
    expect(placementConstraints("node.role == manager, node.labels.zone!=eu-1")).toEqual([
      "node.role==manager",
      "node.labels.zone!=eu-1",
    ]);
  });
});

describe("swarmValueProblem", () => {
  test("accepts valid values of every property", () => {
    const valid: Array<[string, string]> = [
      ["network", "dokku-swarm"],
      ["update-parallelism", "0"],
      ["update-parallelism", "4"],
      ["update-delay", "10s"],
      ["update-order", "stop-first"],
      ["update-order", "start-first"],
      ["placement-constraints", "node.role==manager,engine.labels.disk!=hdd,node.hostname==web-1"],
    ];
    expect(valid.map(([key, value]) => swarmValueProblem(key, value))).toEqual(valid.map(() => undefined));
  });

  test("names the property and the problem when a value is refused", () => {
    const invalid: Array<[string, string]> = [
      ["network", "bad name"],
      ["network", "ingress"],
      ["update-parallelism", "-1"],
      ["update-parallelism", "two"],
      ["update-delay", "10"],
      ["update-order", "random"],
      ["placement-constraints", "node.role=manager"],
      ["placement-constraints", "node.role==boss"],
      ["placement-constraints", "node.colour==red"],
      ["placement-constraints", "node.role==manager,"],
    ];
    expect(invalid.map(([key, value]) => swarmValueProblem(key, value))).toEqual([
      'Invalid network value specified: "bad name" is not a network name',
      "Invalid network value specified: ingress is not an overlay network",
      "Invalid update-parallelism value specified: must be a whole number, 0 or more (0 updates every task at once)",
      "Invalid update-parallelism value specified: must be a whole number, 0 or more (0 updates every task at once)",
      'Invalid update-delay value specified: "10" is not a duration such as 10s, 1m or 1m30s',
      "Invalid update-order value specified: must be start-first or stop-first",
      'Invalid placement-constraints value specified: "node.role=manager" is not a <key>==<value> or <key>!=<value> expression',
      'Invalid placement-constraints value specified: node.role must be manager or worker, not "boss"',
      'Invalid placement-constraints value specified: "node.colour" is not a constraint key (node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<label>, engine.labels.<label>)',
      'Invalid placement-constraints value specified: "" is not a <key>==<value> or <key>!=<value> expression',
    ]);
  });
});
