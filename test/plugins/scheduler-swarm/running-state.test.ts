import { describe, expect, test } from "bun:test";
import { swarmRunningState } from "../../../src/plugins/scheduler-swarm/manage";

describe("swarmRunningState", () => {
  test("is true only with every task running and web's router there", () => {
    const formation = { web: 2, worker: 1 };
    expect([
      swarmRunningState(0, formation, true),
      swarmRunningState(2, formation, true),
      swarmRunningState(3, formation, false),
      swarmRunningState(3, formation, true),
    ]).toEqual(["false", "mixed", "mixed", "true"]);
  });

  test("needs no router when web does not run", () => {
    expect([swarmRunningState(1, { worker: 1 }, false), swarmRunningState(1, { web: 0, worker: 1 }, false)]).toEqual([
      "true",
      "true",
    ]);
  });
});
