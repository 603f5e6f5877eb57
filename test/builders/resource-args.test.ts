import { describe, expect, test } from "bun:test";
import { parseResourceArgs } from "../../src/builders/resource-args";
import { dokkuErrorOf } from "../harness";

describe("parseResourceArgs", () => {
  test("reads flags in either form anywhere, the app, and keeps Dokku's key order", () => {
    expect([
      parseResourceArgs(["--memory", "512m", "shop", "--cpu=2", "--process-type", "web", "--memory-swap", "-1"], true),
      parseResourceArgs(["shop"], true),
      parseResourceArgs(["--process-type=worker", "shop"], false),
    ]).toEqual([
      {
        app: "shop",
        processType: "web",
        processTypeGiven: true,
        values: [
          ["cpu", "2"],
          ["memory", "512m"],
          ["memory-swap", "-1"],
        ],
      },
      { app: "shop", processType: "_default_", processTypeGiven: false, values: [] },
      { app: "shop", processType: "worker", processTypeGiven: true, values: [] },
    ]);
  });

  test("refuses unknown flags, a missing value, two apps, a bad process type and bad values", () => {
    expect([
      dokkuErrorOf(() => parseResourceArgs(["--disk", "1g", "shop"], true)),
      dokkuErrorOf(() => parseResourceArgs(["--memory", "1g", "shop"], false)),
      dokkuErrorOf(() => parseResourceArgs(["shop", "--memory"], true)),
      dokkuErrorOf(() => parseResourceArgs(["shop", "other"], true)),
      dokkuErrorOf(() => parseResourceArgs(["--process-type", "web.1", "shop"], true)),
      dokkuErrorOf(() => parseResourceArgs(["--process-type=", "shop"], false)),
      dokkuErrorOf(() => parseResourceArgs(["--nvidia-gpu", "", "shop"], true)),
    ]).toEqual([
      "unknown flag: --disk",
      "unknown flag: --memory",
      "flag needs an argument: --memory",
      "Only one app may be given, got: shop other",
      'Invalid process type specified: "web.1"',
      'Invalid process type specified: ""',
      'Invalid --nvidia-gpu value "": expected a positive number of GPUs or all',
    ]);
  });
});
