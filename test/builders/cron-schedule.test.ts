import { describe, expect, test } from "bun:test";
import { CRON_DESCRIPTORS, cronScheduleProblem, normalizeSchedule } from "../../src/builders/cron-schedule";

describe("cronScheduleProblem", () => {
  test("accepts five-field schedules cron runs and Dokku's @ names", () => {
    const good = [
      "* * * * *",
      "*/5 * * * *",
      "0 0 * * 7",
      "0 3 1-15/2 jan-mar mon-fri",
      "5,35 8-18 * * SUN",
      "0\t0 * * *",
      " 0 0 * * * ",
      ...CRON_DESCRIPTORS,
    ];
    expect(good.map((schedule) => [schedule, cronScheduleProblem(schedule)])).toEqual(
      good.map((schedule) => [schedule, undefined]),
    );
  });

  test("refuses schedules cron cannot run, saying why", () => {
    const cases: Array<[string, string]> = [
      ["", "must not be empty"],
      ["* * * *", "must have five fields (minute hour day-of-month month day-of-week), found 4"],
      ["* * * * * *", "must have five fields (minute hour day-of-month month day-of-week), found 6"],
      ["60 * * * *", "Invalid value for minute: 60"],
      ["0 24 * * *", "Invalid value for hour: 24"],
      ["*/0 * * * *", "Syntax error, illegal stepping: 0"],
      ["5-1 * * * *", "From value is larger than to value: '5-1'"],
      ["0 0 * * 8", "Invalid value for dayOfWeek: 8"],
      ["0 0 L * *", "day-of-month field 'L' may only hold numbers, names, '*', ',', '-' and '/'"],
      ["0 0 * * 5#2", "day-of-week field '5#2' may only hold numbers, names, '*', ',', '-' and '/'"],
      ["0 0 ? * *", "day-of-month field '?' may only hold numbers, names, '*', ',', '-' and '/'"],
      ["mon * * * *", "minute field 'mon' may only hold numbers, names, '*', ',', '-' and '/'"],
      [
        "@reboot",
        "@reboot is not a known schedule name; use five fields or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
      ],
      [
        "@every 1h",
        "@every 1h is not a known schedule name; use five fields or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
      ],
      ["* * * * *\n* * * * *", "must be one line of printable characters"],
    ];
    expect(cases.map(([schedule]) => [schedule, cronScheduleProblem(schedule)])).toEqual(cases);
  });
});

describe("normalizeSchedule", () => {
  test("joins the fields with single spaces", () => {
    expect([normalizeSchedule(" 0\t0  * * * "), normalizeSchedule("@daily")]).toEqual(["0 0 * * *", "@daily"]);
  });
});
