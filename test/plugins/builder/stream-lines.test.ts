import { describe, expect, test } from "bun:test";
import { MAX_PENDING_LINE, streamLines } from "../../../src/plugins/builder/from-image";

function collector() {
  const lines: string[] = [];
  const emitted = { chars: 0 };
  const stream = streamLines((line) => {
    lines.push(line);
    emitted.chars += line.length;
  });
  return { lines, emitted, stream };
}

describe("streamLines", () => {
  test("cuts text into lines across writes, drops a CR before the newline, and flushes the rest", () => {
    const { lines, stream } = collector();
    for (const text of ["Step 1/2", " : FROM x\r\n ---> abc\n\n", "tail"]) stream.write(text);
    stream.flush();
    expect(lines).toEqual(["Step 1/2 : FROM x", " ---> abc", "", "tail"]);
  });

  test("never holds more than MAX_PENDING_LINE characters of a line that does not end (issue 12)", () => {
    const { lines, emitted, stream } = collector();
    const piece = "x".repeat(5000);
    let written = 0;
    let mostHeld = 0;
    for (let index = 0; index < 2000; index++) {
      stream.write(piece);
      written += piece.length;
      mostHeld = Math.max(mostHeld, written - emitted.chars);
    }
    stream.write("\n");
    stream.flush();
    expect(mostHeld).toBeLessThanOrEqual(MAX_PENDING_LINE);
    expect(lines.every((line) => line.length <= MAX_PENDING_LINE)).toBe(true);
    expect(lines.join("")).toBe(piece.repeat(2000));
  });

  test("passes a long line that arrives in one write in pieces too", () => {
    const { lines, stream } = collector();
    stream.write(`${"y".repeat(MAX_PENDING_LINE * 2 + 3)}\nnext\n`);
    expect(lines.map((line) => line.length)).toEqual([MAX_PENDING_LINE, MAX_PENDING_LINE, 3, 4]);
  });
});
