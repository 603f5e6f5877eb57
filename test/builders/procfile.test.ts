import { describe, expect, test } from "bun:test";
import { parseProcfile } from "../../src/builders/procfile";
import { dokkuErrorOf } from "../harness";

describe("parseProcfile", () => {
  test("reads name: command lines, skipping comments and blank lines, sorted by name", () => {
    const text =
      "# processes\n\nweb: httpd -f -p $PORT\n// worker below\nworker:   sleep 100  # trailing comment\nrelease:echo hi\n";
    expect(parseProcfile(text)).toEqual({ release: "echo hi", web: "httpd -f -p $PORT", worker: "sleep 100" });
  });

  test("accepts CRLF line endings and underscores in names", () => {
    expect(parseProcfile("web_1: run\r\nclock: tick\r\n")).toEqual({ clock: "tick", web_1: "run" });
  });

  test("refuses a malformed line, naming its number", () => {
    expect(dokkuErrorOf(() => parseProcfile("web: ok\n\nthis is not an entry\n"))).toBe(
      "Invalid Procfile: invalid line in procfile, line 3",
    );
  });

  test("refuses a duplicate process name", () => {
    expect(dokkuErrorOf(() => parseProcfile("web: a\nweb: b\n"))).toBe(
      "Invalid Procfile: process names must be unique, line 2",
    );
  });

  test("refuses a comment in place of a command", () => {
    expect(dokkuErrorOf(() => parseProcfile("web: # nothing\n"))).toBe(
      "Invalid Procfile: comment specified in place of command, line 1",
    );
  });

  test("refuses a name over 63 characters", () => {
    expect(dokkuErrorOf(() => parseProcfile(`${"a".repeat(64)}: run\n`))).toBe(
      "Invalid Procfile: process name over 63 characters, line 1",
    );
  });

  test("refuses a Procfile without entries", () => {
    expect(dokkuErrorOf(() => parseProcfile("# only a comment\n\n"))).toBe(
      "Invalid Procfile: no entries found in Procfile",
    );
  });
});
