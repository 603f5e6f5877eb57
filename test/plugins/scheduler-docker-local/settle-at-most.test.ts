import { describe, expect, test } from "bun:test";
import { settleAtMost } from "../../../src/plugins/scheduler-docker-local/settle-at-most";

/** Work that records how many ran at once, resolving (or rejecting for `fail`) on the next tick. */
function tracker(fail?: number) {
  let running = 0;
  const seen = { most: 0, started: [] as number[] };
  const work = async (item: number) => {
    seen.started.push(item);
    running++;
    seen.most = Math.max(seen.most, running);
    await new Promise((resolve) => setImmediate(resolve));
    running--;
    if (item === fail) throw new Error(`item ${item} failed`);
    return item * 10;
  };
  return { seen, work };
}

describe("settleAtMost (docker-local's parallel-schedule-count)", () => {
  test.each([1, 2, 5])("runs at most %p at a time and gives every outcome in order", async (limit) => {
    const { seen, work } = tracker();
    const outcomes = await settleAtMost(limit, [1, 2, 3, 4, 5], work);
    expect(seen.most).toBe(Math.min(limit, 5));
    expect(outcomes).toEqual([1, 2, 3, 4, 5].map((item) => [item, { status: "fulfilled", value: item * 10 }]));
  });

  test("once one fails, no further item starts; those that ran keep their outcomes", async () => {
    const { seen, work } = tracker(2);
    const outcomes = await settleAtMost(1, [1, 2, 3, 4], work);
    expect(seen.started).toEqual([1, 2]);
    expect(outcomes.map(([item, outcome]) => [item, outcome.status])).toEqual([
      [1, "fulfilled"],
      [2, "rejected"],
    ]);
  });

  test("no items: no outcomes", async () => {
    expect(await settleAtMost(3, [], async () => 1)).toEqual([]);
  });
});
