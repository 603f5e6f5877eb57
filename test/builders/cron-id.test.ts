import { describe, expect, test } from "bun:test";
import { base36Lower, cronTaskId } from "../../src/builders/cron-id";

describe("base36Lower", () => {
  test("matches go-base36's EncodeToStringLc, leading zero bytes included", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect([
      base36Lower(bytes("Decentralize everything!!!")),
      base36Lower(new Uint8Array([0, 0, 1])),
      base36Lower(new Uint8Array([0])),
      base36Lower(new Uint8Array()),
    ]).toEqual(["m552ng4dabi4neu1oo8l4i5mndwmpc3mkukwtxy9", "001", "0", ""]);
  });
});

describe("cronTaskId", () => {
  test("is stable per app, command and schedule, and changes with each", () => {
    expect({
      id: cronTaskId("a1", "echo hi", "@daily"),
      again: cronTaskId("a1", "echo hi", "@daily"),
      otherApp: cronTaskId("a2", "echo hi", "@daily") === cronTaskId("a1", "echo hi", "@daily"),
      otherSchedule: cronTaskId("a1", "echo hi", "@hourly") === cronTaskId("a1", "echo hi", "@daily"),
    }).toEqual({
      id: "28qemjthh54o8reb0wei9c68nhr5bek55",
      again: "28qemjthh54o8reb0wei9c68nhr5bek55",
      otherApp: false,
      otherSchedule: false,
    });
  });
});
