import { describe, expect, test } from "bun:test";
import { parseReportArgs } from "../../src/core/report-args";

describe("parseReportArgs", () => {
  test("reads the app, the format and one info flag in any order", () => {
    expect(parseReportArgs(["--app-locked", "app1"], "apps")).toEqual({
      app: "app1",
      global: false,
      format: undefined,
      infoFlag: "--app-locked",
    });
    expect(parseReportArgs(["app1", "--format", "json"], "apps")).toEqual({
      app: "app1",
      global: false,
      format: "json",
      infoFlag: undefined,
    });
    expect(parseReportArgs(["--format=json", "app1"], "apps")).toEqual({
      app: "app1",
      global: false,
      format: "json",
      infoFlag: undefined,
    });
  });

  test("reads --global", () => {
    expect(parseReportArgs(["--global", "--app-global-disable-autocreation"], "apps")).toEqual({
      app: undefined,
      global: true,
      format: undefined,
      infoFlag: "--app-global-disable-autocreation",
    });
  });

  test("returns nothing for no arguments", () => {
    expect(parseReportArgs([], "apps")).toEqual({
      app: undefined,
      global: false,
      format: undefined,
      infoFlag: undefined,
    });
  });

  test("refuses two info flags and a --format without value", () => {
    expect(() => parseReportArgs(["app1", "--app-dir", "--app-locked"], "apps")).toThrow(
      "apps:report command allows only a single flag",
    );
    expect(() => parseReportArgs(["app1", "--format"], "apps")).toThrow("--format requires a value: stdout or json");
  });
});
