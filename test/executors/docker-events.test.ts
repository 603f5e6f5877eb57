import { describe, expect, test } from "bun:test";
import { MAX_EVENT_LINE, splitEventLines } from "../../src/executors/docker/events";

describe("splitEventLines", () => {
  test("gives the complete lines and keeps an unfinished one for the next chunk", () => {
    const first = splitEventLines("", '{"Action":"start"}\n{"Action":"di');
    const second = splitEventLines(first.rest, 'e"}\n\n');
    expect([first, second]).toEqual([
      { lines: ['{"Action":"start"}'], rest: '{"Action":"di' },
      { lines: ['{"Action":"die"}'], rest: "" },
    ]);
  });

  test("drops a line longer than MAX_EVENT_LINE, even one arriving in many chunks, and keeps the buffer bounded", () => {
    let state = { lines: [] as string[], rest: "" };
    const seen: string[] = [];
    for (let chunk = 0; chunk < 10; chunk++) {
      state = splitEventLines(state.rest, "y".repeat(MAX_EVENT_LINE / 4));
      seen.push(...state.lines);
      expect(state.rest.length).toBeLessThanOrEqual(MAX_EVENT_LINE + 1);
    }
    state = splitEventLines(state.rest, 'tail\n{"Action":"start"}\n');
    seen.push(...state.lines);
    expect(seen).toEqual(['{"Action":"start"}']);
  });
});
