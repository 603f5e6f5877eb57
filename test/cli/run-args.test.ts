import { describe, expect, test } from "bun:test";
import { parseEnterArgs } from "../../src/cli/enter/args";
import { parseLogsArgs } from "../../src/cli/logs/args";
import { parseRunArgs } from "../../src/cli/run/args";
import { dokkuErrorOf } from "../harness";

describe("parseRunArgs", () => {
  test("takes options before the app and leaves the command's own flags alone", () => {
    expect(parseRunArgs(["-e", "A=1", "--env=B=2", "--no-tty", "shop", "ls", "-la", "-e"])).toEqual({
      app: "shop",
      env: ["A=1", "B=2"],
      tty: "no",
      ttlSeconds: 86400,
      command: ["ls", "-la", "-e"],
    });
  });

  test("also takes options right after the app, and `--` ends them", () => {
    expect(parseRunArgs(["shop", "-e", "A=1", "--ttl-seconds", "60", "--", "-e", "x"])).toEqual({
      app: "shop",
      env: ["A=1"],
      tty: "auto",
      ttlSeconds: 60,
      command: ["-e", "x"],
    });
  });

  test("refuses conflicting tty flags, a missing -e value and a bad ttl", () => {
    expect(
      [["--no-tty", "--force-tty", "a"], ["-e"], ["--ttl-seconds", "x", "a"]].map((raw) =>
        dokkuErrorOf(() => parseRunArgs(raw)),
      ),
    ).toEqual([
      "Cannot specify both --force-tty and --no-tty",
      "expected -e to have an argument",
      "--ttl-seconds must be a positive integer",
    ]);
  });
});

describe("parseEnterArgs", () => {
  test("reads a type or dyno, then the command after an optional --", () => {
    expect([
      parseEnterArgs(["shop", "web.1", "--", "echo", "hi"]),
      parseEnterArgs(["shop", "worker", "env"]),
      parseEnterArgs(["shop"]),
    ]).toEqual([
      { app: "shop", processOrDyno: "web.1", containerId: undefined, command: ["echo", "hi"] },
      { app: "shop", processOrDyno: "worker", containerId: undefined, command: ["env"] },
      { app: "shop", processOrDyno: undefined, containerId: undefined, command: [] },
    ]);
  });

  test("reads --container-id in both spellings", () => {
    expect([
      parseEnterArgs(["shop", "--container-id", "abc", "echo"]),
      parseEnterArgs(["shop", "--container-id=abc", "--", "ls"]),
    ]).toEqual([
      { app: "shop", processOrDyno: undefined, containerId: "abc", command: ["echo"] },
      { app: "shop", processOrDyno: undefined, containerId: "abc", command: ["ls"] },
    ]);
  });
});

describe("parseLogsArgs", () => {
  test("reads short and long flags anywhere", () => {
    expect([
      parseLogsArgs(["-t", "shop", "-n", "5", "-p", "web", "-q"]),
      parseLogsArgs(["--num=7", "--ps=worker", "shop"]),
    ]).toEqual([
      { app: "shop", num: 5, processType: "web", follow: true, raw: true },
      { app: "shop", num: 7, processType: "worker", follow: false, raw: false },
    ]);
  });

  test("refuses a bad count and an unknown flag", () => {
    expect(
      [
        ["shop", "-n", "x"],
        ["shop", "--bogus"],
      ].map((raw) => dokkuErrorOf(() => parseLogsArgs(raw))),
    ).toEqual(['invalid argument "x" for "-n, --num" flag: must be a whole number', "unknown flag: --bogus"]);
  });
});
