import { describe, expect, test } from "bun:test";
import { parseChecksFile } from "../../src/builders/healthcheck-checks-file";
import { dokkuErrorOf } from "../harness";

describe("parseChecksFile", () => {
  test("reads settings, paths with expected content, hosts and schemes, skipping comments and blank lines", () => {
    const text = [
      "# a comment",
      "WAIT=2     # wait 2 seconds",
      "TIMEOUT=7",
      "ATTEMPTS=4",
      "",
      "/                       My Amazing App",
      "/stylesheets/index.css  .body",
      "/images/logo.png",
      "//admin.example.com     Admin Dashboard",
      "https://static.example.com/logo.png",
      "",
    ].join("\n");
    expect(parseChecksFile(text)).toEqual({
      wait: 2,
      timeout: 7,
      attempts: 4,
      checks: [
        { path: "/", scheme: "http", content: "My Amazing App" },
        { path: "/stylesheets/index.css", scheme: "http", content: ".body" },
        { path: "/images/logo.png", scheme: "http" },
        { path: "/", scheme: "http", host: "admin.example.com", content: "Admin Dashboard" },
        { path: "/logo.png", scheme: "https", host: "static.example.com" },
      ],
    });
  });

  test("gives no settings and no checks for an empty file", () => {
    expect(parseChecksFile("\n# nothing\n")).toEqual({ checks: [] });
  });

  test("refuses a bad setting or a line that is no path, naming the line", () => {
    expect([
      dokkuErrorOf(() => parseChecksFile("/\nWAIT=soon\n")),
      dokkuErrorOf(() => parseChecksFile("ATTEMPTS=0")),
      dokkuErrorOf(() => parseChecksFile("TIMEOUT=-1")),
      dokkuErrorOf(() => parseChecksFile("health ok")),
    ]).toEqual([
      "CHECKS: line 2: WAIT must be a whole number",
      "CHECKS: line 1: ATTEMPTS must be 1 or more",
      "CHECKS: line 1: TIMEOUT must be a whole number",
      'CHECKS: line 1: the path must start with / (got "health ok")',
    ]);
  });
});
