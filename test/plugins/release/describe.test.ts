import { describe, expect, test } from "bun:test";
import {
  configDescription,
  deployDescription,
  displayStatus,
  parseReleaseVersion,
  previousReleaseId,
  rollbackDescription,
} from "../../../src/plugins/release/describe";
import { configKeys, envChanges, globalDrift } from "../../../src/plugins/release/config-diff";
import { dokkuErrorOf } from "../../harness";

describe("parseReleaseVersion", () => {
  test("reads vN and N", () => {
    expect(["v1", "3", "v42", "v999999999"].map(parseReleaseVersion)).toEqual([1, 3, 42, 999999999]);
  });

  const refused: [string, string][] = [
    ["x", "Invalid release version: x (expected vN, e.g. v3)"],
    ["v-1", "Invalid release version: v-1 (expected vN, e.g. v3)"],
    ["-1", "Invalid release version: -1 (expected vN, e.g. v3)"],
    ["v1.5", "Invalid release version: v1.5 (expected vN, e.g. v3)"],
    ["v03", "Invalid release version: v03 (expected vN, e.g. v3)"],
    ["V3", "Invalid release version: V3 (expected vN, e.g. v3)"],
    ["v", "Invalid release version: v (expected vN, e.g. v3)"],
    ["", "Invalid release version:  (expected vN, e.g. v3)"],
    ["v1234567890", "Invalid release version: v1234567890 (expected vN, e.g. v3)"],
    ["v0", "Invalid release version: v0 (versions start at v1)"],
    ["0", "Invalid release version: 0 (versions start at v1)"],
  ];
  for (const [text, message] of refused) {
    test(`refuses ${JSON.stringify(text)}`, () => {
      expect(dokkuErrorOf(() => parseReleaseVersion(text))).toBe(message);
    });
  }
});

describe("release descriptions", () => {
  test("name a push by its short rev, an image deploy by its image", () => {
    expect([
      deployDescription("git-hook", { kind: "tree", dir: "/t", origin: "git", rev: "0123456789abcdef" }),
      deployDescription("git:from-archive", { kind: "tree", dir: "/t", origin: "archive" }),
      deployDescription("git:from-image", { kind: "image", image: "nginx:1.25", origin: "image" }),
      deployDescription("ps:rebuild", { kind: "tree", dir: "/t", origin: "git", rev: "abc" }),
    ]).toEqual(["git push 0123456", "git:from-archive", "git:from-image nginx:1.25", "ps:rebuild abc"]);
  });

  test("name a config change by its command and at most three keys", () => {
    expect([
      configDescription("set", ["FOO"], false),
      configDescription("unset", ["A", "B"], false),
      configDescription("set", ["A", "B", "C", "D", "E"], true),
      configDescription("clear", ["A", "B"], false),
      configDescription("import", ["A"], true),
    ]).toEqual([
      "config:set FOO",
      "config:unset A B",
      "config:set --global A B C (+2 more)",
      "config:clear",
      "config:import --global A",
    ]);
  });

  test("name a rollback by its target", () => {
    expect(rollbackDescription(3)).toBe("Rollback to v3");
  });
});

describe("release status", () => {
  test("marks the current release and reads older records as deployed", () => {
    expect([
      displayStatus({ id: 3, status: "succeeded" }, 3),
      displayStatus({ id: 2 }, 3),
      displayStatus({ id: 1, status: "image-pruned" }, 3),
      displayStatus({ id: 4, status: "pending" }, 3),
    ]).toEqual(["current", "deployed", "image pruned", "pending"]);
  });

  test("the previous release is the newest older one that went live", () => {
    const releases = [
      { id: 1 },
      { id: 2, status: "pending" as const },
      { id: 3, status: "succeeded" as const },
      { id: 5, status: "image-pruned" as const },
    ];
    expect([previousReleaseId(releases, 3), previousReleaseId(releases, 6), previousReleaseId(releases, 1)]).toEqual([
      1,
      5,
      undefined,
    ]);
  });
});

describe("rollback config", () => {
  test("lists the keys a restore sets and unsets, never values", () => {
    const before = new Map([
      ["A", "1"],
      ["B", "2"],
      ["C", "3"],
    ]);
    const after = new Map([
      ["A", "1"],
      ["B", "changed"],
      ["D", "4"],
    ]);
    expect(envChanges(before, after)).toEqual({ set: ["B", "D"], unset: ["C"] });
  });

  test("names global keys changed since the snapshot that the app does not override", () => {
    const snapshot = {
      app: new Map([["OWN", "x"]]),
      global: new Map([
        ["SAME", "1"],
        ["CHANGED", "1"],
        ["GONE", "1"],
        ["OWN", "g"],
      ]),
    };
    const now = new Map([
      ["SAME", "1"],
      ["CHANGED", "2"],
      ["NEW", "1"],
      ["OWN", "other"],
    ]);
    expect(globalDrift(snapshot, now)).toEqual(["CHANGED", "GONE", "NEW"]);
  });

  test("lists a snapshot's keys by where they come from", () => {
    expect([
      configKeys({
        app: new Map([
          ["B", "1"],
          ["A", "2"],
        ]),
        global: new Map([
          ["G", "1"],
          ["A", "0"],
        ]),
      }),
      configKeys({ app: new Map(), global: new Map() }),
    ]).toEqual(["A B (app) G (global)", "(none)"]);
  });
});
