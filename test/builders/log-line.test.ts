import { describe, expect, test } from "bun:test";
import { formatLogLine } from "../../src/builders/log-line";

describe("formatLogLine", () => {
  test("prefixes a timestamped line with its dyno, or strips the time when raw", () => {
    const line = "2024-01-02T03:04:05.000000000Z listening on 5000";
    expect([formatLogLine("web.1", line, false), formatLogLine("web.1", line, true)]).toEqual([
      { time: "2024-01-02T03:04:05.000000000Z", text: "2024-01-02T03:04:05.000000000Z app[web.1]: listening on 5000" },
      { time: "2024-01-02T03:04:05.000000000Z", text: "listening on 5000" },
    ]);
  });

  test("keeps a line without a time whole, with an empty text when raw", () => {
    expect([formatLogLine("worker.2", "bare", false), formatLogLine("worker.2", "bare", true)]).toEqual([
      { time: "bare", text: "bare app[worker.2]: " },
      { time: "bare", text: "" },
    ]);
  });
});
