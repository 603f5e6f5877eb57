import { describe, expect, test } from "bun:test";
import { parseAppJson } from "../../src/builders/app-json";
import { dokkuErrorOf } from "../harness";

describe("parseAppJson cron", () => {
  test("keeps command, schedule, concurrency_policy and maintenance, and drops other keys", () => {
    const text = JSON.stringify({
      cron: [
        { command: "echo hi", schedule: "@daily", other: 1 },
        { command: "make x", schedule: "*/5 * * * *", concurrency_policy: "replace", maintenance: true },
        { command: "make y", schedule: "0 1 * * *", concurrency_policy: "" },
      ],
    });
    expect(parseAppJson(text)).toEqual({
      cron: [
        { command: "echo hi", schedule: "@daily" },
        { command: "make x", schedule: "*/5 * * * *", concurrency_policy: "replace", maintenance: true },
        { command: "make y", schedule: "0 1 * * *" },
      ],
    });
  });

  test("refuses a bad entry naming its index", () => {
    const cases: Array<[unknown, string]> = [
      [
        {
          cron: [
            { command: "a", schedule: "@daily" },
            { command: "b", schedule: "* * *" },
          ],
        },
        "app.json: cron[1].schedule '* * *' is invalid: must have five fields (minute hour day-of-month month day-of-week), found 3",
      ],
      [
        { cron: [{ command: "a", schedule: "61 * * * *" }] },
        "app.json: cron[0].schedule '61 * * * *' is invalid: Invalid value for minute: 61",
      ],
      [
        { cron: [{ command: "a", schedule: "@every 5m" }] },
        "app.json: cron[0].schedule '@every 5m' is invalid: @every 5m is not a known schedule name; use five fields or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
      ],
      [
        { cron: [{ command: "a && b", schedule: "@daily" }] },
        "app.json: cron[0].command contains the shell operator '&', which is not interpreted: wrap the command as sh -c '...'",
      ],
      [{ cron: [{ command: "", schedule: "@daily" }] }, "app.json: cron[0].command must not be empty"],
      [
        { cron: [{ command: "a", schedule: "@daily", concurrency_policy: "queue" }] },
        "app.json: cron[0].concurrency_policy must be one of allow, forbid, replace",
      ],
      [
        { cron: [{ command: "a", schedule: "@daily", maintenance: "yes" }] },
        "app.json: cron[0].maintenance must be a boolean",
      ],
      [{ cron: { command: "a" } }, "app.json: cron must be an array"],
    ];
    expect(cases.map(([data]) => dokkuErrorOf(() => parseAppJson(JSON.stringify(data))))).toEqual(
      cases.map(([, message]) => message),
    );
  });
});
