import { describe, expect, test } from "bun:test";
import { cronListJson, cronListRows, cronTasks } from "../../src/builders/cron-tasks";
import { cronTaskId } from "../../src/builders/cron-id";

const ENTRIES = [
  { command: "echo hi", schedule: "@daily" },
  { command: "node x.js <b>", schedule: "*/5 * * * *", concurrency_policy: "forbid" as const },
  { command: "make report", schedule: "0 1 * * *", maintenance: true },
];
const ID = (index: number) => cronTaskId("a1", ENTRIES[index]?.command ?? "", ENTRIES[index]?.schedule ?? "");

describe("cronTasks", () => {
  test("gives each entry its id, policy (allow by default) and maintenance from app.json or cron:suspend", () => {
    const tasks = cronTasks({ app: "a1", entries: ENTRIES, appInMaintenance: false, suspended: new Set([ID(0)]) });
    expect(tasks.map((task) => [task.id, task.concurrencyPolicy, task.taskInMaintenance, task.maintenance])).toEqual([
      [ID(0), "allow", true, true],
      [ID(1), "forbid", false, false],
      [ID(2), "allow", true, true],
    ]);
  });

  test("puts every task in maintenance when the app is", () => {
    const tasks = cronTasks({ app: "a1", entries: ENTRIES.slice(0, 2), appInMaintenance: true, suspended: new Set() });
    expect(tasks.map((task) => [task.appInMaintenance, task.taskInMaintenance, task.maintenance])).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
  });
});

describe("cronListRows and cronListJson", () => {
  test("lay tasks out as Dokku's cron:list does", () => {
    const tasks = cronTasks({
      app: "a1",
      entries: ENTRIES.slice(0, 2),
      appInMaintenance: false,
      suspended: new Set([ID(0)]),
    });
    expect({
      rows: cronListRows(tasks),
      json: JSON.parse(cronListJson(tasks)),
      escaped: cronListJson(tasks).includes("node x.js \\u003cb\\u003e"),
    }).toEqual({
      rows: [
        ["ID", "Schedule", "Concurrency", "Maintenance", "Command"],
        [ID(0), "@daily", "allow", "true (task)", "echo hi"],
        [ID(1), "*/5 * * * *", "forbid", "false", "node x.js <b>"],
      ],
      json: [
        {
          id: ID(0),
          app: "a1",
          command: "echo hi",
          schedule: "@daily",
          concurrency_policy: "allow",
          "app-in-maintenance": false,
          "task-in-maintenance": true,
          maintenance: true,
        },
        {
          id: ID(1),
          app: "a1",
          command: "node x.js <b>",
          schedule: "*/5 * * * *",
          concurrency_policy: "forbid",
          "app-in-maintenance": false,
          "task-in-maintenance": false,
          maintenance: false,
        },
      ],
      escaped: true,
    });
  });

  test("prints an empty JSON list when there are no tasks", () => {
    expect(cronListJson([])).toBe("[]");
  });
});
