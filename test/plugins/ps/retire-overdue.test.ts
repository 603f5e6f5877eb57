import { describe, expect, test } from "bun:test";
import {
  overdueEntries,
  RETIRE_OVERDUE_SLACK_MS,
  retireOverdueValue,
  retireOverdueWarning,
} from "../../../src/plugins/ps/retire-overdue";
import type { RetireEntry } from "../../../src/plugins/scheduler/shared/retire-queue";

const NOW = Date.parse("2026-01-01T12:00:00Z");
const MINUTE = 60_000;

function entry(id: string, app: string, minutesPast: number): RetireEntry {
  return { id, app, name: `${app}.web.1`, retireAt: NOW - minutesPast * MINUTE, stopTimeout: 30 };
}

describe("overdueEntries", () => {
  const queue = [entry("a1", "shop", 12), entry("a2", "shop", 1), entry("b1", "blog", 3), entry("c1", "api", -5)];

  test("keeps the entries more than the slack past their retire time, of every app or of one", () => {
    expect({
      all: overdueEntries(queue, NOW).map((e) => e.id),
      shop: overdueEntries(queue, NOW, "shop").map((e) => e.id),
      api: overdueEntries(queue, NOW, "api"),
    }).toEqual({
      all: ["a1", "b1"],
      shop: ["a1"],
      api: [],
    });
  });

  test("an entry exactly at the slack is not overdue yet; one millisecond later it is", () => {
    const edge = { ...entry("e", "shop", 0), retireAt: NOW - RETIRE_OVERDUE_SLACK_MS };
    expect([overdueEntries([edge], NOW).length, overdueEntries([edge], NOW + 1).length]).toEqual([0, 1]);
  });

  test("the slack is two minutes: a report between two runs of the minute timer is not alarmed", () => {
    expect(RETIRE_OVERDUE_SLACK_MS).toBe(2 * MINUTE);
  });
});

describe("retireOverdueValue and retireOverdueWarning", () => {
  test("say false when nothing is overdue", () => {
    expect(retireOverdueValue([], NOW)).toBe("false");
  });

  test("count the containers and say how late the oldest is", () => {
    expect({
      one: retireOverdueValue([entry("a", "shop", 12)], NOW),
      three: retireOverdueValue([entry("a", "shop", 3), entry("b", "shop", 12.5), entry("c", "blog", 5)], NOW),
      hours: retireOverdueValue([entry("a", "shop", 185)], NOW),
      days: retireOverdueValue([entry("a", "shop", 3 * 24 * 60 + 7)], NOW),
      warning: retireOverdueWarning([entry("a", "shop", 3), entry("b", "blog", 12)], NOW),
      warningOne: retireOverdueWarning([entry("a", "shop", 3)], NOW),
    }).toEqual({
      one: "1 container (12 minutes past its time; is the ps:retire timer running?)",
      three: "3 containers (oldest 12 minutes past its time; is the ps:retire timer running?)",
      hours: "1 container (3 hours past its time; is the ps:retire timer running?)",
      days: "1 container (3 days past its time; is the ps:retire timer running?)",
      warning:
        "2 old containers are still there past the retire time (oldest 12 minutes): is the ps:retire timer running? (install.sh sets it up: cron, or systemd's dokku-retire.timer)",
      warningOne:
        "1 old container is still there past the retire time (3 minutes): is the ps:retire timer running? (install.sh sets it up: cron, or systemd's dokku-retire.timer)",
    });
  });
});
