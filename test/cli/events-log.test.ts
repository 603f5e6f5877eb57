import { describe, expect, test } from "bun:test";
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  appendEventLine,
  eventLogPath,
  followEventLog,
  formatEventLine,
  readLastLines,
} from "../../src/plugins/events/event-log";
import { userAuth } from "../../sdk/triggers/apps";
import { redact } from "../../src/triggers/redact";
import { tempDir } from "../harness";

const TIME = new Date("2024-07-03T16:09:48.123Z");

describe("event log", () => {
  test("eventLogPath is events.log in the logs dir", () => {
    expect(eventLogPath({ logsDir: "/var/log/dokku" })).toBe("/var/log/dokku/events.log");
  });

  test("formatEventLine gives time, pid, trigger, payload JSON and acting user on one line", () => {
    expect(
      formatEventLine({ time: TIME, pid: 42, trigger: "post-create", user: "alice", payload: { app: "web" } }),
    ).toBe('2024-07-03T16:09:48.123Z dokku[42]: INVOKED: post-create( {"app":"web"} ) NAME=alice\n');
  });

  test("formatEventLine keeps a payload with newlines and an odd user name on one line", () => {
    const line = formatEventLine({
      time: TIME,
      pid: 1,
      trigger: "report",
      user: "bad\nname here",
      payload: { app: "a\nb" },
    });
    expect(line).toBe('2024-07-03T16:09:48.123Z dokku[1]: INVOKED: report( {"app":"a\\nb"} ) NAME=bad_name_here\n');
  });

  test("formatEventLine writes the payload the bus redacted: user-auth args may hold config values", () => {
    const line = formatEventLine({
      time: TIME,
      pid: 1,
      trigger: "user-auth",
      user: "alice",
      payload: redact(userAuth.payload, {
        user: "alice",
        sshUser: "dokku",
        command: "config:set",
        args: ["web", "TOKEN=s3cret"],
      }),
    });
    expect(line).not.toContain("s3cret");
    expect(line).toBe(
      '2024-07-03T16:09:48.123Z dokku[1]: INVOKED: user-auth( {"user":"alice","sshUser":"dokku","command":"config:set","args":"[redacted]"} ) NAME=alice\n',
    );
  });

  test("appendEventLine creates the log dir and appends lines", () => {
    using dir = tempDir();
    const path = join(dir.path, "logs", "dokku", "events.log");
    appendEventLine(path, "one\n", undefined);
    appendEventLine(path, "two\n", undefined);
    expect(readFileSync(path, "utf8")).toBe("one\ntwo\n");
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  test("readLastLines gives the last lines, or nothing without a log", () => {
    using dir = tempDir();
    const path = join(dir.path, "events.log");
    expect(readLastLines(path, 100)).toBe("");
    writeFileSync(path, "1\n2\n3\n4\n");
    expect(readLastLines(path, 2)).toBe("3\n4\n");
    expect(readLastLines(path, 100)).toBe("1\n2\n3\n4\n");
    writeFileSync(path, "1\n2\nno newline");
    expect(readLastLines(path, 2)).toBe("2\nno newline\n");
  });

  test("followEventLog gives the last lines, then complete new lines, until aborted", async () => {
    using dir = tempDir();
    const path = join(dir.path, "events.log");
    writeFileSync(path, "old 1\nold 2\n");
    const stop = new AbortController();
    const batches: string[][] = [];
    let wake: () => void = () => {};
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    let arrived = next();
    const following = followEventLog(path, {
      signal: stop.signal,
      intervalMs: 2,
      onLines: (lines) => {
        batches.push(lines);
        wake();
      },
    });
    await arrived;
    expect(batches).toEqual([["old 1", "old 2"]]);

    arrived = next();
    appendFileSync(path, "new 1\nhalf");
    await arrived;
    expect(batches.at(-1)).toEqual(["new 1"]);

    arrived = next();
    appendFileSync(path, " done\n");
    await arrived;
    expect(batches.at(-1)).toEqual(["half done"]);

    arrived = next();
    writeFileSync(path, "after rotation\n");
    await arrived;
    expect(batches.at(-1)).toEqual(["after rotation"]);

    stop.abort();
    await following;
    expect(batches).toHaveLength(4);
  });

  test("followEventLog waits for a log that does not exist yet", async () => {
    using dir = tempDir();
    const path = join(dir.path, "events.log");
    const stop = new AbortController();
    const lines: string[] = [];
    let wake: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    const following = followEventLog(path, {
      signal: stop.signal,
      intervalMs: 2,
      onLines: (batch) => {
        lines.push(...batch);
        wake();
      },
    });
    writeFileSync(path, "first\n");
    await arrived;
    stop.abort();
    await following;
    expect(lines).toEqual(["first"]);
  });
});
