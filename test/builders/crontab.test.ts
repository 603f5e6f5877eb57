import { describe, expect, test } from "bun:test";
import { buildCrontab, type CrontabInput } from "../../src/builders/crontab";
import { cronTasks } from "../../src/builders/cron-tasks";
import { dokkuErrorOf } from "../harness";

const tasks = (app: string, entries: { command: string; schedule: string; maintenance?: boolean }[]) =>
  cronTasks({ app, entries, appInMaintenance: false, suspended: new Set() });

const INPUT: CrontabInput = {
  binary: "/usr/local/bin/dokku",
  mailto: "",
  mailfrom: "",
  environment: { DOKKU_ROOT: "/home/dokku", DOKKU_LIB_ROOT: "/var/lib/dokku" },
  tasks: [
    ...tasks("api", [
      { command: "echo hi", schedule: "@daily" },
      { command: "echo off", schedule: "@hourly", maintenance: true },
    ]),
    ...tasks("web", [{ command: "make x", schedule: " */5  * * * *" }]),
  ],
};

describe("buildCrontab", () => {
  test("writes one cron:run line per task not in maintenance, after the environment", () => {
    const [daily, , every5] = INPUT.tasks;
    expect(buildCrontab(INPUT)).toBe(
      [
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "SHELL=/bin/bash",
        "DOKKU_ROOT=/home/dokku",
        "DOKKU_LIB_ROOT=/var/lib/dokku",
        "",
        `@daily /usr/local/bin/dokku cron:run api ${daily?.id}`,
        `*/5 * * * * /usr/local/bin/dokku cron:run web ${every5?.id}`,
        "",
      ].join("\n"),
    );
  });

  test("starts with MAILFROM and MAILTO when they are set", () => {
    const text = buildCrontab({ ...INPUT, mailto: "ops@example.com", mailfrom: "cron@example.com" }) ?? "";
    expect(text.split("\n").slice(0, 3)).toEqual([
      "MAILFROM=cron@example.com",
      "MAILTO=ops@example.com",
      "PATH=/usr/local/bin:/usr/bin:/bin",
    ]);
  });

  test("is undefined when no task is left to schedule", () => {
    expect([buildCrontab({ ...INPUT, tasks: [] }), buildCrontab({ ...INPUT, tasks: INPUT.tasks.slice(1, 2) })]).toEqual(
      [undefined, undefined],
    );
  });

  test("refuses what would break out of its line", () => {
    expect([
      dokkuErrorOf(() => buildCrontab({ ...INPUT, mailto: "a@b\n* * * * * evil" })),
      dokkuErrorOf(() => buildCrontab({ ...INPUT, binary: "/opt/my dokku/dokku" })),
      dokkuErrorOf(() => buildCrontab({ ...INPUT, binary: "/opt/50%/dokku" })),
    ]).toEqual([
      "Cannot write mailto to the crontab: it holds a control character",
      "Cannot write the dokku executable path '/opt/my dokku/dokku' to the crontab: only letters, digits and _@.,:/+=- are safe there",
      "Cannot write the dokku executable path '/opt/50%/dokku' to the crontab: only letters, digits and _@.,:/+=- are safe there",
    ]);
  });
});
