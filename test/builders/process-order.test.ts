import { describe, expect, test } from "bun:test";
import { byDyno, processOrder } from "../../src/builders/process-order";

describe("processOrder", () => {
  test("puts web first, then the other process types by name", () => {
    expect(["worker", "clock", "web", "release"].sort(processOrder)).toEqual(["web", "clock", "release", "worker"]);
  });

  test("byDyno orders containers by process type, then index", () => {
    const dynos = [
      { proc: "worker", index: 2 },
      { proc: "web", index: 2 },
      { proc: "worker", index: 1 },
      { proc: "web", index: 1 },
    ];
    expect(dynos.sort(byDyno).map((dyno) => `${dyno.proc}.${dyno.index}`)).toEqual([
      "web.1",
      "web.2",
      "worker.1",
      "worker.2",
    ]);
  });
});
